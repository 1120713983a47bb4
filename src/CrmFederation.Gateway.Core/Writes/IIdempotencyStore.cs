namespace CrmFederation.Gateway.Writes;

/// <summary>
/// Where the outcomes of mutations sent with an <c>Idempotency-Key</c> are kept: in memory, or in Redis
/// when the gateway has one (then every instance replays what any of them ran).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for a run of the request <paramref name="fingerprint"/>, or, when another
    /// run holds it, waits for its outcome (while it runs, at most <paramref name="wait"/>).
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string key, string fingerprint, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Keeps the claimed run's outcome for <paramref name="lifetime"/>.</summary>
    Task CompleteAsync(string key, string fingerprint, byte[] outcome, TimeSpan lifetime);

    /// <summary>Gives a claim up (the run failed before it had an outcome), so that the next request runs.</summary>
    Task ReleaseAsync(string key);
}

/// <summary>The answer to a claim: this request runs (<see cref="Owned"/>), replays <see cref="Outcome"/>, or uses the key for another request.</summary>
public sealed record IdempotencyClaim(bool Owned, byte[]? Outcome, bool OtherRequest, bool StillRunning)
{
    public static IdempotencyClaim Run { get; } = new(true, null, false, false);

    public static IdempotencyClaim Mismatch { get; } = new(false, null, true, false);

    public static IdempotencyClaim Busy { get; } = new(false, null, false, true);

    public static IdempotencyClaim Replay(byte[] outcome) => new(false, outcome, false, false);
}
