using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The retry budget, on a frozen clock, against a source that always answers 503: retries are paid
/// from the budget, stop when it is empty, and only the injected clock refills it.
/// </summary>
public sealed class RetryBudgetTests : IDisposable
{
    private readonly ResilienceRig _rig = new();

    public RetryBudgetTests() => _rig.AnswerStatus(503);

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task FetchItemsAsync_BurstWithBudgetOfOne_StopsRetryingAtBudget()
    {
        const int calls = 10;
        var client = _rig.Client(Budget(maxRetries: 2, ratio: 0, minimumPerSecond: 1));

        var failures = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => _rig.FailureAsync(client)));

        Assert.All(failures, failure => Assert.Equal(SourceErrorCode.Unavailable, failure.Code));
        Assert.Equal(calls + 1, _rig.Requests);
        Assert.Equal(calls + 1, failures.Sum(failure => failure.Attempts));
    }

    /// <summary>
    /// Only a retry that happens spends a token: Polly also asks the retry predicate after the last
    /// allowed attempt, where no retry can follow (a budget of three used to buy only two retries).
    /// </summary>
    [Fact]
    public async Task FetchItemsAsync_BudgetOfThree_EveryTokenBuysARetry()
    {
        const int calls = 4;
        var client = _rig.Client(Budget(maxRetries: 1, ratio: 0, minimumPerSecond: 3));

        var attempts = new List<int?>();
        for (var call = 0; call < calls; call++)
        {
            attempts.Add((await _rig.FailureAsync(client)).Attempts);
        }

        Assert.Equal([2, 2, 2, 1], attempts);
        Assert.Equal(calls + 3, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_BudgetEmpty_RefillsAsInjectedClockMoves()
    {
        var client = _rig.Client(Budget(maxRetries: 2, ratio: 0, minimumPerSecond: 1));

        var first = await _rig.FailureAsync(client);
        var whileEmpty = await _rig.FailureAsync(client);
        _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterRefill = await _rig.FailureAsync(client);

        Assert.Equal(2, first.Attempts);
        Assert.Equal(1, whileEmpty.Attempts);
        Assert.Equal(2, afterRefill.Attempts);
        Assert.Equal(5, _rig.Requests);
    }

    [Fact]
    public async Task FetchItemsAsync_BudgetRatio_RetriesAddAtMostThatShareOfCalls()
    {
        // A quarter of a token per call and no allowance per second: every fourth call may retry.
        const int calls = 10;
        var client = _rig.Client(Budget(maxRetries: 1, ratio: 0.25, minimumPerSecond: 0));

        var attempts = new List<int?>();
        for (var call = 0; call < calls; call++)
        {
            attempts.Add((await _rig.FailureAsync(client)).Attempts);
        }

        Assert.Equal([1, 1, 1, 2, 1, 1, 1, 2, 1, 1], attempts);
        Assert.Equal(calls + 2, _rig.Requests);
    }

    /// <summary>
    /// No backoff, so that a retry never sleeps and the clock stays frozen: only the budget decides
    /// whether a retry happens. The breaker is kept out of the way.
    /// </summary>
    private static ResilienceConfig Budget(int maxRetries, double ratio, int minimumPerSecond) => ResilienceRig.Defaults with
    {
        Retry = new RetryConfig
        {
            MaxRetries = maxRetries,
            BaseDelayMs = 0,
            MaxDelayMs = 0,
            BudgetRatio = ratio,
            BudgetMinimumPerSecond = minimumPerSecond,
        },
        CircuitBreaker = new CircuitBreakerConfig { MinimumThroughput = 1_000 },
    };
}
