using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>
/// What requests sharing one upstream call get when it fails, or when one of them gives up: through the
/// worked example's fifth system, whose only source is a WireMock server holding its answers at a
/// <see cref="WireGate"/> until every request has sent its batch (seen through the batch-size metric).
/// </summary>
public sealed class SharedCallOutcomeTests : IAsyncDisposable
{
    private const string Endpoint = "subscriptions.subscriptionsByCustomer";
    private readonly WireMockServer _source = WireMockServer.Start();

    public ValueTask DisposeAsync()
    {
        _source.Stop();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SharedCallAnswers500_EveryRequestGetsItsOwnErrorAtItsOwnPath()
    {
        using var gate = Hold(status: 500, """{"error":"internal"}""");
        await using var gateway = FifthSystemGateway.Start(_source.Url!);
        using var batches = new EndpointMeasurements(gateway.Gateway.Services, "crmfed.source.batch.size");

        var first = Ask(gateway, "first", "C-000001");
        await gate.Arrived;
        var second = Ask(gateway, "second", "C-000001");
        var third = Ask(gateway, "third", "C-000002");
        await batches.WaitUntilAsync(endpoint => batches.Count(endpoint) >= 3, Endpoint);
        gate.Open();

        foreach (var (alias, response) in new[] { ("first", await first), ("second", await second), ("third", await third) })
        {
            Assert.Equal(0, response.GetProperty("data").GetProperty(alias).GetArrayLength());
            var error = Assert.Single(response.GetProperty("errors").EnumerateArray());
            Assert.Equal([alias], error.GetProperty("path").EnumerateArray().Select(segment => segment.GetString()));
            var extensions = error.GetProperty("extensions");
            Assert.Equal(("SOURCE_UNAVAILABLE", "subscriptions", 500, true), (extensions.GetProperty("code").GetString(),
                extensions.GetProperty("source").GetString(), extensions.GetProperty("httpStatus").GetInt32(), extensions.GetProperty("valueReplaced").GetBoolean()));
        }

        // The first call carried C-000001 for two requests; C-000002 waited for it, then left on its own.
        Assert.Equal(["customer_refs=C-000001", "customer_refs=C-000002"], _source.LogEntries.Select(entry => entry.RequestMessage.RawQuery!.TrimStart('?')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OneOfTwoRequestsCancelled_TheOtherGetsTheSharedAnswer()
    {
        using var gate = Hold(status: 200, """{"data":[{"id":"SUB-1","customer_ref":"C-000001","plan_name":"pro"}]}""");
        await using var gateway = FifthSystemGateway.Start(_source.Url!);
        using var batches = new EndpointMeasurements(gateway.Gateway.Services, "crmfed.source.batch.size");
        using var cancel = new CancellationTokenSource();

        var staying = Ask(gateway, "staying", "C-000001");
        await gate.Arrived;
        var leaving = gateway.Client.PostAsJsonAsync("/graphql", new { query = Query("leaving"), variables = new { @ref = "C-000001" } }, cancel.Token);
        await batches.WaitUntilAsync(endpoint => batches.Count(endpoint) >= 2, Endpoint);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        gate.Open();

        var response = await staying;
        Assert.False(response.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        Assert.Equal("pro", Assert.Single(response.GetProperty("data").GetProperty("staying").EnumerateArray()).GetProperty("plan").GetString());
        Assert.Single(_source.LogEntries);
    }

    private static string Query(string alias) => $"query($ref: ID!) {{ {alias}: subscriptionsOf(customerRef: $ref) {{ id plan }} }}";

    private static async Task<JsonElement> Ask(FifthSystemGateway gateway, string alias, string customerRef) =>
        (await gateway.Gateway.QueryAsync(Query(alias), new { @ref = customerRef }, gateway.Client).WaitAsync(WireGate.HangGuard)).Response;

    private WireGate Hold(int status, string body)
    {
        var gate = new WireGate();
        _source.Given(Request.Create().WithPath("/v1/subscriptions").UsingGet()).RespondWith(gate.Hold(_ => body, status));
        return gate;
    }
}
