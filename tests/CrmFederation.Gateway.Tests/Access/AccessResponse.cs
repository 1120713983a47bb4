using System.Net;
using System.Text.Json;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>A gateway answer as the access tests read it: status, challenges, media type and body.</summary>
public sealed record AccessResponse(HttpStatusCode Status, IReadOnlyList<string> Challenges, string? MediaType, string Body)
{
    public static async Task<AccessResponse> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList(),
        response.Content.Headers.ContentType?.MediaType,
        await response.Content.ReadAsStringAsync());

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The first error's <c>extensions.reason</c>: missing, invalid or expired.</summary>
    public string? Reason => Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("reason").GetString();

    public void AssertOk() => Assert.True(Status == HttpStatusCode.OK, $"HTTP {(int)Status}: {Body}");

    /// <summary>A 401 with the given reason, both challenges, and nothing else in the body.</summary>
    public void AssertUnauthenticated(string reason)
    {
        Assert.True(Status == HttpStatusCode.Unauthorized, $"HTTP {(int)Status}: {Body}");
        Assert.Contains(Challenges, c => c.StartsWith("Bearer", StringComparison.Ordinal));
        Assert.Contains("ApiKey header=\"X-Api-Key\"", Challenges);
        var error = Assert.Single(Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(["message", "extensions"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["code", "reason"], error.GetProperty("extensions").EnumerateObject().Select(p => p.Name));
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(reason, Reason);
    }
}
