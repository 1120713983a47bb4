using System.Collections.Concurrent;

namespace CrmFederation.Gateway.Writes;

/// <summary>Outcomes kept in this instance's memory, until their lifetime ends (swept at most once a minute).</summary>
public sealed class MemoryIdempotencyStore(TimeProvider time) : IIdempotencyStore
{
    /// <summary>How long a claim holds without an outcome: longer than any write runs.</summary>
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextSweep;

    public async Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan wait, CancellationToken cancellationToken)
    {
        Sweep();
        while (true)
        {
            var mine = new Entry(fingerprint, time.GetUtcNow() + ClaimLifetime);
            var entry = _entries.GetOrAdd(key, mine);
            if (entry == mine || (entry.Expires <= time.GetUtcNow() && _entries.TryUpdate(key, mine, entry)))
            {
                return IdempotencyClaim.Run;
            }

            if (entry.Fingerprint != fingerprint)
            {
                return IdempotencyClaim.Mismatch;
            }

            byte[]? outcome;
            try
            {
                outcome = await entry.Outcome.Task.WaitAsync(wait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return IdempotencyClaim.Busy;
            }

            if (outcome is not null)
            {
                return IdempotencyClaim.Replay(outcome);
            }

            // Released without an outcome: claim it anew.
        }
    }

    public Task CompleteAsync(string key, string fingerprint, byte[] outcome, TimeSpan lifetime)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Expires = time.GetUtcNow() + lifetime;
            entry.Outcome.TrySetResult(outcome);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key)
    {
        if (_entries.TryRemove(key, out var entry))
        {
            entry.Outcome.TrySetResult(null);
        }

        return Task.CompletedTask;
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, (now + TimeSpan.FromMinutes(1)).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires <= now && entry.Outcome.Task.IsCompleted)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed class Entry(string fingerprint, DateTimeOffset expires)
    {
        public string Fingerprint { get; } = fingerprint;

        public DateTimeOffset Expires { get; set; } = expires;

        public TaskCompletionSource<byte[]?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
