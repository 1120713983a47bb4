using System.Text.Json;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// Reads what a WireMock server received, and builds JSON answers. Queries are read from the raw
/// query string: WireMock's own <c>Query</c> splits values on commas, which would hide the list style.
/// </summary>
public static class WireLog
{
    /// <summary>The requests the server has answered, in arrival order, optionally only those to <paramref name="path"/>.</summary>
    public static IReadOnlyList<IRequestMessage> Requests(this WireMockServer server, string? path = null) =>
        server.LogEntries
            .Select(entry => entry.RequestMessage)
            .Where(request => path is null || request.Path == path)
            .OrderBy(request => request.DateTime)
            .ToList();

    /// <summary>The query's name/value pairs in order, each decoded once, as the upstream reads them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> QueryPairs(this IRequestMessage request) => DecodeForm(request.RawQuery);

    /// <summary>The fields of an <c>application/x-www-form-urlencoded</c> body, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FormPairs(this IRequestMessage request) => DecodeForm(request.Body);

    /// <summary>The keys of a comma-separated list parameter (<c>ids=a,b</c>).</summary>
    public static IReadOnlyList<string> CommaList(this IRequestMessage request, string name) =>
        request.QueryPairs().Single(pair => pair.Key == name).Value.Split(',');

    public static string Header(this IRequestMessage request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var values) ? string.Join(", ", values) : "";

    public static IResponseBuilder Json(object body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(body));

    public static IResponseBuilder Json(Func<IRequestMessage, object> body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody(request => JsonSerializer.Serialize(body(request)));

    public static IResponseBuilder Text(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private static List<KeyValuePair<string, string>> DecodeForm(string? text) =>
        (text ?? "").TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : ""))
            .ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
