using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// Secrets and customer data never reach telemetry: after queries that carry a customer's id and
/// e-mail (as variables, as literals in a GET query string), a cache hit and a failing source, no
/// span name or tag, no metric tag and no log entry (message, structured values, scopes, exceptions,
/// down to Trace) holds a credential or one of the customer's values.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class NoLeakTests(ObservedSystemsFixture fixture) : IAsyncLifetime
{
    private const string OneCustomer = """
        query One($id: ID!) {
          customer(id: $id) {
            id name primaryEmail phone ownerEmail
            contacts { email } billing { accountNumber legalName } invoices { number }
            support { id name } tickets { id subject } shopper { id email } orders(first: 5) { id name }
          }
        }
        """;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Spans_QueriesWithCustomerValuesAndAFailingSource_NoSecretNorCustomerValue()
    {
        var credentials = new SentCredentials();
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true, services: credentials.AttachTo);
        var needles = await RunScenarioAsync(gateway, credentials, withGetRequests: true);
        var sampleSystemPorts = fixture.BaseUrls.Select(u => u.Port.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);

        // The sample systems run in this process, so their own server spans reach the exporter too; they are not the gateway's.
        var spans = gateway.Spans.Snapshot().Where(span => !(span.Kind == ActivityKind.Server && sampleSystemPorts.Contains(span.Text("server.port") ?? ""))).ToList();
        Assert.Contains(spans, span => span.Source.Name == SpanTags.GatewaySource);
        Assert.Contains(spans, span => ObservedGateway.IsGatewayServerSpan(span) && span.Text("http.request.method") == "GET");
        AssertNoneLeaks(needles, spans.Select(span => (span.DisplayName, Describe(span))));
    }

    [Fact]
    public async Task Metrics_QueriesWithCustomerValuesAndAFailingSource_NoSecretNorCustomerValue()
    {
        var credentials = new SentCredentials();
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true, services: credentials.AttachTo);
        var needles = await RunScenarioAsync(gateway, credentials, withGetRequests: true);

        var points = MetricPointValue.From(gateway.CollectMetrics());

        Assert.Contains(points, p => p.Instrument == "crmfed.source.errors");
        AssertNoneLeaks(needles, points.Select(p => (p.Instrument, p.Instrument + " " + string.Join(", ", p.Tags.Select(t => $"{t.Key}={t.Value}")))));
    }

    [Fact]
    public async Task Logs_PostedQueriesWithCustomerValuesAndAFailingSource_NoSecretNorCustomerValue()
    {
        var credentials = new SentCredentials();
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true, services: credentials.AttachTo);
        var needles = await RunScenarioAsync(gateway, credentials, withGetRequests: false);

        var logs = gateway.Logs.Entries.ToList();

        Assert.Contains(logs, log => log.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        AssertNoLogLeaks(needles, logs);
    }

    /// <summary>GraphQL over GET carries the document and the variables in the query string, which request logs must not keep.</summary>
    [Fact]
    public async Task Logs_GetQueriesWithCustomerIdInTheQueryString_NoCustomerValue()
    {
        var credentials = new SentCredentials();
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: true, services: credentials.AttachTo);
        var needles = await RunScenarioAsync(gateway, credentials, withGetRequests: true);

        AssertNoLogLeaks(needles, gateway.Logs.Entries.ToList());
    }

    /// <summary>
    /// Runs the queries against <paramref name="gateway"/> (cache on) and returns what must not leak:
    /// the sample secrets, every credential the gateway sent, and the customer's values, also URL-encoded.
    /// </summary>
    private async Task<IReadOnlyList<string>> RunScenarioAsync(ObservedGateway gateway, SentCredentials credentials, bool withGetRequests)
    {
        var customer = fixture.CustomerInAllFourSystems();
        var account = fixture.Data.ErpAccounts.First(a => a.CrmRef == customer.Id);
        var email = customer.PrimaryEmail!;
        using var http = gateway.CreateClient();
        var traces = new List<ActivityTraceId>
        {
            (await gateway.QueryAsync(OneCustomer, new { id = customer.Id }, http)).Trace,
            (await gateway.QueryAsync(OneCustomer, new { id = customer.Id }, http)).Trace,
            (await gateway.QueryAsync("query($ids: [ID!]!) { customersByIds(ids: $ids) { id name shopper { email } } }", new { ids = new[] { customer.Id, email } }, http)).Trace,
            (await gateway.QueryAsync("query($country: String) { customers(first: 1, country: $country) { totalCount } }", new { country = email }, http)).Trace,
        };
        if (withGetRequests)
        {
            traces.Add((await gateway.GetAsync($$"""{ customer(id: "{{customer.Id}}") { id name primaryEmail billing { accountNumber } } }""", null, http)).Trace);
            traces.Add((await gateway.GetAsync("query($id: ID!) { customer(id: $id) { id shopper { email } } }", JsonSerializer.Serialize(new { id = customer.Id }), http)).Trace);
        }

        await fixture.ErpDownAsync();
        var (failed, trace) = await gateway.QueryAsync("query($id: ID!) { customer(id: $id) { id invoices(status: OVERDUE) { number } } }", new { id = customer.Id }, http);
        Assert.True(failed.TryGetProperty("errors", out _), "the ERP should have failed");
        traces.Add(trace);
        await fixture.ResetAsync();
        foreach (var each in traces)
        {
            await gateway.CompletedSpansOfAsync(each);
        }

        string[] configured =
        [
            SampleCredentials.CrmClientSecret, SampleCredentials.ErpPassword, SampleCredentials.HelpdeskToken, SampleCredentials.CommerceToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SampleCredentials.ErpUser}:{SampleCredentials.ErpPassword}")),
        ];

        // Besides the configured ones, the gateway sent the access token the CRM issued to it.
        var crmAccessToken = Assert.Single(credentials.Values.Except(configured, StringComparer.Ordinal));
        string[] secrets = [.. configured, crmAccessToken];
        string[] values = [customer.Id, customer.Name, email, account.AccountNo];
        return [.. secrets, .. values.SelectMany(v => new[] { v, Uri.EscapeDataString(v), Uri.EscapeDataString(v).Replace("%20", "+", StringComparison.Ordinal) }).Distinct()];
    }

    /// <summary>
    /// No log entry holds a needle, except that the personal-data audit names the customer whose personal
    /// fields were returned: that is its job. It holds nothing else of the customer's.
    /// </summary>
    private void AssertNoLogLeaks(IReadOnlyList<string> needles, IReadOnlyList<CapturedLog> logs)
    {
        var audit = logs.Where(log => log.Category == PersonalDataAudit.Category).ToList();
        Assert.NotEmpty(audit);
        AssertNoneLeaks(needles, logs.Except(audit).Select(log => ($"{log.Level} {log.Category}", string.Join(" | ", log.Texts))));
        var customerId = fixture.CustomerInAllFourSystems().Id;
        AssertNoneLeaks([.. needles.Where(n => n != customerId)], audit.Select(log => ($"{log.Level} {log.Category}", string.Join(" | ", log.Texts))));
    }

    private static void AssertNoneLeaks(IReadOnlyList<string> needles, IEnumerable<(string What, string Text)> items)
    {
        var leaks = items
            .SelectMany(item => needles.Where(n => item.Text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"'{n}' in {item.What}: {item.Text}"))
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s):\n" + string.Join("\n", leaks.Take(10)));
    }

    private static string Describe(Activity span)
    {
        var text = new StringBuilder($"{span.Source.Name} {span.OperationName} '{span.DisplayName}' {span.StatusDescription}");
        foreach (var tag in span.TagObjects)
        {
            text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
        }

        foreach (var item in span.Baggage)
        {
            text.Append(CultureInfo.InvariantCulture, $" baggage {item.Key}={item.Value}");
        }

        foreach (var activityEvent in span.Events)
        {
            text.Append(CultureInfo.InvariantCulture, $" event {activityEvent.Name}");
            foreach (var tag in activityEvent.Tags)
            {
                text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
            }
        }

        return text.ToString();
    }
}
