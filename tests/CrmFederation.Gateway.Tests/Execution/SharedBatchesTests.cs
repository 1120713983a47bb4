using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Execution;

/// <summary>
/// Lookups of concurrent requests meeting in <see cref="SharedBatches"/>, each request a scope of its
/// own. A <see cref="WireGate"/> holds the upstream answers, so "a call is in flight" is a state the
/// test controls; what the source received is read from WireMock's log.
/// </summary>
public sealed class SharedBatchesTests : IDisposable
{
    private const string Customers = "/crm/v3/customers";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly UpstreamConnectionPool _pool = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<IDisposable> _owned = [];
    private readonly SharedBatches _batches;
    private readonly SourceClient _client;
    private readonly EndpointDefinition _customers;

    public SharedBatchesTests()
    {
        _batches = new SharedBatches(new GatewayMetrics(_meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        var source = WireSources.Source(_server.Url!);
        _client = ClientFor(source);
        _customers = WireSources.CustomersById(source);
    }

    public void Dispose()
    {
        _owned.ForEach(owned => owned.Dispose());
        _server.Stop();
        _pool.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task Join_NothingInFlight_SendsAtOnce()
    {
        using var gate = Hold();

        var lookup = Join(NewRequest(), "C-1");
        await gate.Arrived;
        gate.Open();

        Assert.Equal("Name of C-1", NameOf(await ReadAsync(lookup), "C-1"));
    }

    [Fact]
    public async Task Join_OnlyOwnCallInFlight_SendsAtOnce()
    {
        using var gate = Hold(expectedArrivals: 2);
        var request = NewRequest();

        var first = Join(request, "C-1");
        var second = Join(request, "C-2");
        await gate.Arrived;
        gate.Open();

        Assert.Equal("Name of C-1", NameOf(await ReadAsync(first), "C-1"));
        Assert.Equal("Name of C-2", NameOf(await ReadAsync(second), "C-2"));
    }

    [Fact]
    public async Task Join_OtherRequestsCallInFlight_KeysWaitAndLeaveTogetherWhenItAnswers()
    {
        using var gate = Hold();
        var first = Join(NewRequest(), "C-1");
        await gate.Arrived;

        var second = Join(NewRequest(), "C-2", "C-3");
        var third = Join(NewRequest(), "C-2", "C-4");
        Assert.Equal(1, gate.Held);
        gate.Open();
        var answers = await Task.WhenAll(ReadAsync(first), ReadAsync(second), ReadAsync(third));

        Assert.Equal([["C-1"], ["C-2", "C-3", "C-4"]], _server.Requests(Customers).Select(request => request.CommaList("ids")));
        Assert.Equal(("Name of C-2", "Name of C-3"), (NameOf(answers[1], "C-2"), NameOf(answers[1], "C-3")));
        Assert.Equal(("Name of C-2", "Name of C-4"), (NameOf(answers[2], "C-2"), NameOf(answers[2], "C-4")));
    }

    [Fact]
    public async Task Join_KeyInFlight_JoinsThatCallAndEachRequestCountsIt()
    {
        using var gate = Hold();
        var (first, second) = (NewRequest(), NewRequest());
        var firstLookup = Join(first, "C-1");
        await gate.Arrived;

        var secondLookup = Join(second, "C-1");
        gate.Open();

        Assert.Equal("Name of C-1", NameOf(await ReadAsync(firstLookup), "C-1"));
        Assert.Equal("Name of C-1", NameOf(await ReadAsync(secondLookup), "C-1"));
        Assert.Single(_server.Requests(Customers));
        Assert.Equal((1, 1), (first.UpstreamCalls, second.UpstreamCalls));
        Assert.Equal(["C-1"], firstLookup.OriginatedKeys);
        Assert.Empty(secondLookup.OriginatedKeys);
    }

    [Fact]
    public async Task Join_QueuedKeysFillABatch_LeaveWithoutWaitingForTheCallInFlight()
    {
        using var gate = Hold(expectedArrivals: 2);
        var endpoint = WireSources.CustomersById(_customers.Source, maxBatchSize: 2);
        var first = Join(NewRequest(), endpoint, _client, [], "C-1");

        var second = Join(NewRequest(), endpoint, _client, [], "C-2", "C-3");
        await gate.Arrived;
        gate.Open();
        await Task.WhenAll(ReadAsync(first), ReadAsync(second));

        Assert.Equal([["C-1"], ["C-2", "C-3"]], _server.Requests(Customers).Select(request => request.CommaList("ids")).OrderBy(ids => ids[0], StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_SharedCallFails_EveryRequestGetsItsOwnFailure()
    {
        using var gate = Hold(status: 500);
        var first = Join(NewRequest(), "C-1");
        await gate.Arrived;
        var second = Join(NewRequest(), "C-1");

        gate.Open();
        var failures = (await Task.WhenAll(ReadAsync(first), ReadAsync(second))).Select(outcome => Assert.IsType<SourceException>(outcome.Failure)).ToList();

        Assert.All(failures, failure => Assert.Equal((SourceErrorCode.Unavailable, 500, 1), (failure.Code, failure.HttpStatus, failure.Attempts)));
        Assert.NotSame(failures[0], failures[1]);
        Assert.Single(_server.Requests(Customers));
    }

    [Fact]
    public async Task ReadAsync_OneRequestCancelled_CallGoesOnForTheOther()
    {
        using var gate = Hold();
        using var cancelled = new CancellationTokenSource();
        var leaving = Join(NewRequest(), "C-1");
        await gate.Arrived;
        var staying = Join(NewRequest(), "C-1");
        var left = ReadAsync(leaving, cancelled.Token);
        var stayed = ReadAsync(staying);

        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);
        gate.Open();

        Assert.Equal("Name of C-1", NameOf(await stayed, "C-1"));
        Assert.Single(_server.Requests(Customers));
    }

    /// <summary>Had the abandoned call gone on, the new request's key would wait behind it for the gate, which never opens before the second arrival.</summary>
    [Fact]
    public async Task ReadAsync_EveryRequestCancelled_CallIsCancelledAndTheKeyFetchedAfresh()
    {
        using var gate = Hold(expectedArrivals: 2);
        using var cancelled = new CancellationTokenSource();
        var first = ReadAsync(Join(NewRequest(), "C-1"), cancelled.Token);
        await WaitForHeldAsync(gate, 1);
        var second = ReadAsync(Join(NewRequest(), "C-1"), cancelled.Token);

        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        var later = Join(NewRequest(), "C-1");
        await gate.Arrived;
        gate.Open();

        Assert.Equal("Name of C-1", NameOf(await ReadAsync(later), "C-1"));
    }

    [Fact]
    public async Task Join_SameEndpointPathDifferentCredentialScopes_NeverShare()
    {
        using var gate = Hold(expectedArrivals: 2);
        var tenantA = WireSources.Source(_server.Url!, new SourceAuthentication.Bearer(new Secret("token-a")), credentialScope: "tenant-a");
        var tenantB = WireSources.Source(_server.Url!, new SourceAuthentication.Bearer(new Secret("token-b")), credentialScope: "tenant-b");

        var first = Join(NewRequest(), WireSources.CustomersById(tenantA), ClientFor(tenantA), [], "C-1");
        var second = Join(NewRequest(), WireSources.CustomersById(tenantB), ClientFor(tenantB), [], "C-1");
        await gate.Arrived;
        gate.Open();
        await Task.WhenAll(ReadAsync(first), ReadAsync(second));

        Assert.Equal(["Bearer token-a", "Bearer token-b"], _server.Requests(Customers).Select(request => request.Header("Authorization")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Join_SameEndpointDifferentParameters_NeverShare()
    {
        using var gate = Hold(expectedArrivals: 2);

        var first = Join(NewRequest(), _customers, _client, [new("segment", "enterprise")], "C-1");
        var second = Join(NewRequest(), _customers, _client, [new("segment", "smb")], "C-1");
        await gate.Arrived;
        gate.Open();
        await Task.WhenAll(ReadAsync(first), ReadAsync(second));

        var segments = _server.Requests(Customers).Select(request => request.QueryPairs().Single(pair => pair.Key == "segment").Value);
        Assert.Equal(["enterprise", "smb"], segments.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Dispose_RequestsSharingAnAnswer_DocumentsLiveUntilTheLastEnds()
    {
        using var gate = Hold();
        var (first, second) = (NewRequest(), NewRequest());
        var firstLookup = Join(first, "C-1");
        await gate.Arrived;
        var secondLookup = Join(second, "C-1");
        gate.Open();
        var item = Assert.Single((await ReadAsync(secondLookup)).For("C-1"));
        await ReadAsync(firstLookup);

        first.Dispose();
        Assert.Equal("Name of C-1", item.GetProperty("name").GetString());

        second.Dispose();
        Assert.Throws<ObjectDisposedException>(() => item.GetProperty("name"));
    }

    [Fact]
    public async Task Publish_TwoRequestsOnOneCall_RecordsRequestsPerCall()
    {
        using var shared = new MetricCollector<int>(_meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GatewayMetrics.MeterName, "crmfed.source.batch.requests");
        using var gate = Hold();
        var first = Join(NewRequest(), "C-1");
        await gate.Arrived;
        var second = Join(NewRequest(), "C-1", "C-2");
        gate.Open();
        await Task.WhenAll(ReadAsync(first), ReadAsync(second));

        Assert.Equal([2, 1], shared.GetMeasurementSnapshot().Select(measurement => measurement.Value));
    }

    private RequestScope NewRequest()
    {
        var scope = new RequestScope(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };
        _owned.Add(scope);
        return scope;
    }

    private SharedLookup Join(RequestScope request, params string[] keys) => Join(request, _customers, _client, [], keys);

    private SharedLookup Join(RequestScope request, EndpointDefinition endpoint, SourceClient client, IReadOnlyList<KeyValuePair<string, string>> parameters, params string[] keys) =>
        _batches.Join(client, endpoint, parameters, ParameterSignature.Of(parameters), keys, request);

    private SourceClient ClientFor(SourceDefinition source) => new SourceClientFactory(_pool, TimeProvider.System).Create(source);

    private WireGate Hold(int expectedArrivals = 1, int status = 200)
    {
        var gate = new WireGate(expectedArrivals);
        _server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(gate.Hold(CustomersFor, status));
        return gate;
    }

    private static async Task<BatchOutcome> ReadAsync(SharedLookup lookup, CancellationToken cancellationToken = default)
    {
        var outcome = new BatchOutcome(StringComparer.Ordinal);
        await lookup.ReadAsync(outcome, cancellationToken).WaitAsync(WireGate.HangGuard, CancellationToken.None);
        return outcome;
    }

    private static async Task WaitForHeldAsync(WireGate gate, int held)
    {
        using var guard = new CancellationTokenSource(WireGate.HangGuard);
        while (gate.Held < held)
        {
            await Task.Delay(5, guard.Token);
        }
    }

    private static string? NameOf(BatchOutcome outcome, string key) => Assert.Single(outcome.For(key)).GetProperty("name").GetString();

    private static string CustomersFor(IRequestMessage request) =>
        JsonSerializer.Serialize(new { results = request.CommaList("ids").Select(id => new { id, name = $"Name of {id}" }) });
}
