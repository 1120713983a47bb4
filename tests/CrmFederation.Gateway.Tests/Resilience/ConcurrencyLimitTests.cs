using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The per-source bulkhead: calls beyond the concurrency limit (and its queue) are refused by the
/// gateway itself, at once, without reaching the source. In-flight calls are held by the upstream,
/// so "at once" means "while the others are still held", not a measured time.
/// </summary>
public sealed class ConcurrencyLimitTests : IDisposable
{
    private readonly ResilienceRig _rig = new();
    private readonly WireTurnstile _upstream = WireTurnstile.HoldAll();

    public ConcurrencyLimitTests() => _rig.Answer(_upstream.Answer(ResilienceRig.FoundBody));

    public void Dispose()
    {
        _upstream.Dispose();
        _rig.Dispose();
    }

    [Fact]
    public async Task FetchItemsAsync_ThirdCallWhileTwoInFlight_RefusedAtOnceAsRateLimited()
    {
        var client = _rig.Client(ResilienceRig.Defaults with { ConcurrencyLimit = 2, QueueLimit = 0 });

        var inFlight = new[] { _rig.FetchAsync(client), _rig.FetchAsync(client) };
        await _upstream.ArrivedAsync(2);
        var refused = await _rig.FailureAsync(client);
        var arrivalsWhileHeld = _upstream.Arrivals;
        _upstream.Release();
        var answered = await Task.WhenAll(inFlight);

        Assert.Equal(SourceErrorCode.RateLimited, refused.Code);
        Assert.Null(refused.HttpStatus);
        Assert.Equal(0, refused.Attempts);
        Assert.Equal("closed", refused.CircuitState);
        Assert.Equal(2, arrivalsWhileHeld);
        Assert.All(answered, items => Assert.Single(items));
        Assert.Equal(2, _upstream.Arrivals);
    }

    [Fact]
    public async Task FetchItemsAsync_SlotAndQueueFull_RefusesOnlyBeyondQueue()
    {
        var client = _rig.Client(ResilienceRig.Defaults with { ConcurrencyLimit = 1, QueueLimit = 1 });

        var holder = _rig.FetchAsync(client);
        await _upstream.ArrivedAsync(1);
        var second = _rig.FetchAsync(client);
        var third = _rig.FetchAsync(client);

        // One of the two later calls waits in the queue, the other finds it full.
        var refusedFirst = await Task.WhenAny(second, third);
        var refused = await Assert.ThrowsAsync<SourceException>(() => refusedFirst);
        var arrivalsWhileHeld = _upstream.Arrivals;
        _upstream.Release();
        var queued = await (refusedFirst == second ? third : second);
        await holder;

        Assert.Equal(SourceErrorCode.RateLimited, refused.Code);
        Assert.Equal(0, refused.Attempts);
        Assert.Equal(1, arrivalsWhileHeld);
        Assert.Single(queued);
        Assert.Equal(2, _upstream.Arrivals);
    }
}
