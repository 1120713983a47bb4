using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>
/// A source that reports errors inside HTTP 200 answers, with its envelope declared in gateway-config:
/// operators see such an error as they see an HTTP error of its kind, in the GraphQL error, the
/// status page, the readiness check, the metrics and the log.
/// </summary>
public sealed class ErrorEnvelopeTests : IAsyncDisposable
{
    private const string Envelope = """
        "envelope": { "success": "success", "errorCode": "errors[0].code", "errorMessage": "errors[0].message", "codes": { "rateLimited": ["606"] } },
        """;

    private const string RateLimited = """{"success": false, "errors": [{"code": "606", "message": "Max rate limit '100' exceeded"}]}""";

    private readonly WireMockServer _source = WireMockServer.Start();

    public ValueTask DisposeAsync()
    {
        _source.Stop();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task RateLimitedEnvelope_FiveCalls_ErrorStatusHealthMetricsAndOneLogLine()
    {
        Answer(RateLimited);
        await using var gateway = FifthSystemGateway.Start(_source.Url!, Envelope,
            resilience: """{ "retry": { "maxRetries": 1, "baseDelayMs": 1, "maxDelayMs": 1 } }""");

        var responses = new List<JsonElement>();
        for (var call = 0; call < 5; call++)
        {
            responses.Add((await gateway.QueryAsync($"C-00000{call}")).Response);
        }

        Assert.All(responses, response =>
        {
            var extensions = Assert.Single(response.GetProperty("errors").EnumerateArray()).GetProperty("extensions");
            Assert.Equal(
                (SourceErrorCode.RateLimited, 200, 2, "606", "Max rate limit '100' exceeded"),
                (extensions.GetProperty("code").GetString(), extensions.GetProperty("httpStatus").GetInt32(), extensions.GetProperty("attempts").GetInt32(),
                    extensions.GetProperty("upstreamCode").GetString(), extensions.GetProperty("upstreamMessage").GetString()));
        });
        Assert.Equal(10, _source.LogEntries.Count);

        var status = await StatusOfSourceAsync(gateway);
        Assert.Equal((5, 1.0), (status.GetProperty("callsLastMinute").GetInt32(), status.GetProperty("errorRateLastMinute").GetDouble()));

        var ready = await gateway.Client.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.StartsWith("failing", ready.GetProperty("checks")[0].GetProperty("data").GetProperty(FifthSystemGateway.Source).GetString(), StringComparison.Ordinal);

        var points = MetricPointValue.From(gateway.Gateway.CollectMetrics()).Where(p => p.Tag("source.name") == FifthSystemGateway.Source).ToList();
        var errors = Assert.Single(points, p => p.Instrument == "crmfed.source.errors");
        Assert.Equal((SourceErrorCode.RateLimited, 5.0), (errors.Tag("error.code"), errors.Value));
        Assert.Equal(5.0, Assert.Single(points, p => p.Instrument == "crmfed.source.rate_limited").Value);
        Assert.Equal(5.0, Assert.Single(points, p => p.Instrument == "crmfed.source.retries").Value);

        var line = Assert.Single(FailureLog(gateway));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.StartsWith("Source subscriptions failed: SOURCE_RATE_LIMITED at endpoint subscriptionsByCustomer (HTTP 200, ", line.Message, StringComparison.Ordinal);
        Assert.All(new[] { "Source=subscriptions", "Endpoint=subscriptionsByCustomer", "Code=SOURCE_RATE_LIMITED", "HttpStatus=200", "Attempts=2" },
            field => Assert.Contains(field, line.Texts));
        Assert.All(line.Texts, text =>
        {
            Assert.DoesNotContain(FifthSystemGateway.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Max rate limit", text, StringComparison.Ordinal);
            Assert.DoesNotContain(_source.Url!, text, StringComparison.Ordinal);
            Assert.DoesNotContain("C-00000", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task RateLimitedEnvelopeThenAnswers_OneLineSaysTheSourceIsBack()
    {
        Answer(RateLimited);
        await using var gateway = FifthSystemGateway.Start(_source.Url!, Envelope);
        await gateway.QueryAsync("C-000001");
        await gateway.QueryAsync("C-000002");

        Answer("""{"success": true, "data": [{"id": "S-1", "customer_ref": "C-000003", "plan_name": "Pro"}]}""");
        var (answered, _) = await gateway.QueryAsync("C-000003");

        Assert.Equal("Pro", answered.GetProperty("data").GetProperty("subscriptionsOf")[0].GetProperty("plan").GetString());
        Assert.Equal([LogLevel.Warning, LogLevel.Information], FailureLog(gateway).Select(l => l.Level));
        Assert.StartsWith("Source subscriptions answers again after ", FailureLog(gateway)[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("(2 failed calls)", FailureLog(gateway)[1].Message, StringComparison.Ordinal);
    }

    private static List<CapturedLog> FailureLog(FifthSystemGateway gateway) =>
        gateway.Gateway.Logs.Entries.Where(e => e.Category == typeof(SourceFailureLog).FullName).ToList();

    private static async Task<JsonElement> StatusOfSourceAsync(FifthSystemGateway gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/sources");
        using var response = await gateway.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == FifthSystemGateway.Source);
    }

    private void Answer(string body)
    {
        _source.ResetMappings();
        _source.Given(Request.Create().WithPath("/v1/subscriptions").UsingGet()).RespondWith(WireLog.Text(body));
    }
}
