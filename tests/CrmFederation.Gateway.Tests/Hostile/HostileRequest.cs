using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>One hostile request through the gateway over the sample systems, and what it cost them: the answer, its size, its time and the upstream calls made.</summary>
public sealed record HostileRequest(GraphQLHttpResponse Response, TimeSpan Elapsed, int UpstreamCalls)
{
    /// <summary>What every answer to a hostile request stays under: a few pages of errors, not megabytes.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public static async Task<HostileRequest> SendAsync(SampleSystemsFixture fixture, object body, HttpClient? client = null)
    {
        await fixture.ResetAsync();
        var started = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        request.Headers.Add("Accept", "application/graphql-response+json");
        using var answer = await (client ?? fixture.Http).SendAsync(request);
        var response = await GraphQLHttpResponse.ReadAsync(answer);
        started.Stop();
        var calls = (await fixture.CallsAsync()).Where(route => !route.Key.StartsWith("POST /oauth", StringComparison.Ordinal)).Sum(route => route.Value);
        return new HostileRequest(response, started.Elapsed, calls);
    }

    public string Codes => string.Join(",", Response.Errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).Distinct());

    /// <summary>Refused before any call, with a small answer naming <paramref name="code"/> in every error.</summary>
    public void AssertRefusedBeforeAnyCall(string code)
    {
        Assert.True(UpstreamCalls == 0, $"{UpstreamCalls} upstream calls: {Response.Text[..Math.Min(500, Response.Text.Length)]}");
        AssertSmall();
        Assert.Equal(code, Codes);
    }

    public void AssertSmall() => Assert.True(Response.Text.Length < MaxAnswerBytes, $"{Response.Text.Length} bytes: {Response.Text[..Math.Min(500, Response.Text.Length)]}");

    public JsonElement Extension(string name) => Response.Errors[0].GetProperty("extensions").GetProperty(name);
}
