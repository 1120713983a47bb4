using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A frozen <see cref="FakeTimeProvider"/> that also tells the test when the code under test starts
/// sleeping on it. A sleep (<c>Task.Delay(delay, timeProvider)</c>: Polly's retry delays, the sample
/// systems' simulated latency) creates a timer due after the delay, so the test can wait for "the
/// retry now sleeps for D" and then move the clock by exactly D: no sleeping, no timing. Deadlines
/// (Polly's pooled <c>CancellationTokenSource</c>s) are armed by changing timers created with an
/// infinite due time; they are not reported here, and the test moves the clock through them once it
/// has seen the request they guard arrive.
/// </summary>
public sealed class ManualClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Created> _timers = [];
    private readonly List<Waiter> _waiters = [];

    public ManualClock()
        : base(DateTimeOffset.UtcNow)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            var created = new Created(dueTime);
            _timers.Add(created);
            var waiter = _waiters.FirstOrDefault(w => w.Match(dueTime));
            if (waiter is not null)
            {
                created.Claimed = true;
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult(dueTime);
            }
        }

        return timer;
    }

    /// <summary>
    /// Completes with the due time of the first timer matching <paramref name="match"/> that no earlier
    /// call has claimed, created before or after this call. Never completes when no such timer is made.
    /// </summary>
    public Task<TimeSpan> TimerCreated(Func<TimeSpan, bool> match, CancellationToken cancellationToken = default)
    {
        Waiter waiter;
        lock (_gate)
        {
            var existing = _timers.FirstOrDefault(t => !t.Claimed && match(t.DueTime));
            if (existing is not null)
            {
                existing.Claimed = true;
                return Task.FromResult(existing.DueTime);
            }

            waiter = new Waiter(match, new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }

        // A wait given up must not claim a later timer that another wait is looking for.
        cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            waiter.Signal.TrySetCanceled(cancellationToken);
        });
        return waiter.Signal.Task;
    }

    /// <summary><see cref="TimerCreated"/>, failing instead of hanging when the code under test never waits.</summary>
    public Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match) => TimerCreated(match).WaitAsync(WireGate.HangGuard);

    /// <summary>Waits until the code under test sleeps for at most <paramref name="atMost"/>, then moves the clock through that sleep.</summary>
    public async Task<TimeSpan> AdvanceThroughDelayAsync(TimeSpan atMost)
    {
        var delay = await NextTimerAsync(due => IsSleep(due, atMost));
        Advance(delay);
        return delay;
    }

    /// <summary>
    /// Moves the clock through every sleep of at most <paramref name="atMost"/> until <paramref name="work"/>
    /// completes: retries run as they would, however many the code under test decides to make.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan atMost)
    {
        while (!work.IsCompleted)
        {
            using var giveUp = new CancellationTokenSource();
            var delay = TimerCreated(due => IsSleep(due, atMost), giveUp.Token);
            if (await Task.WhenAny(work, delay).WaitAsync(WireGate.HangGuard) == delay)
            {
                Advance(await delay);
            }
            else
            {
                await giveUp.CancelAsync();
            }
        }

        return await work;
    }

    private static bool IsSleep(TimeSpan due, TimeSpan atMost) => due >= TimeSpan.Zero && due <= atMost;

    private sealed class Created(TimeSpan dueTime)
    {
        public TimeSpan DueTime { get; } = dueTime;

        public bool Claimed { get; set; }
    }

    private sealed record Waiter(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal);
}
