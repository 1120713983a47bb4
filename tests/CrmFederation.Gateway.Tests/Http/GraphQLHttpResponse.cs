using System.Net;
using System.Text.Json;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>What a test needs from an HTTP response of the endpoint, read once.</summary>
public sealed record GraphQLHttpResponse(HttpStatusCode Status, string? ContentType, string? Allow, string Text)
{
    public JsonElement Body { get; } = Text.Length == 0 ? default : JsonDocument.Parse(Text).RootElement.Clone();

    public JsonElement Data => Body.GetProperty("data");

    public bool HasData => Body.TryGetProperty("data", out _);

    public JsonElement Errors => Body.GetProperty("errors");

    public string? FirstErrorCode => Errors[0].GetProperty("extensions").GetProperty("code").GetString();

    public static async Task<GraphQLHttpResponse> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Content.Headers.ContentType?.ToString(),
        response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : null,
        await response.Content.ReadAsStringAsync());
}
