using CrmFederation.Gateway.Caching;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Remembers the signed webhook calls accepted while their timestamp is still valid, so that a
/// captured call cannot be delivered again: in this instance's memory, and through
/// <see cref="IWebhookSignatureClaims"/> (Redis, when configured) for the other instances. Memory is
/// bounded: with <see cref="Capacity"/> calls remembered, further calls are refused until old ones
/// age out, rather than forgetting one that could then be replayed.
/// </summary>
public sealed class WebhookReplayGuard(TimeProvider time, IWebhookSignatureClaims shared)
{
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byExpiry = new();

    public enum Verdict
    {
        Accepted,
        Replayed,
        TooMany,
    }

    /// <summary>Accepts the first call with <paramref name="signature"/> for <paramref name="source"/>, remembering it until <paramref name="validUntil"/>.</summary>
    public async Task<Verdict> AcceptAsync(string source, string signature, DateTimeOffset validUntil)
    {
        var verdict = AcceptHere(source + "\n" + signature, validUntil);
        if (verdict != Verdict.Accepted)
        {
            return verdict;
        }

        // Remembered here first, so a replay to this instance is refused without a Redis round trip;
        // of deliveries racing to different instances, the shared claim lets exactly one through.
        return await shared.ClaimAsync(source, signature, validUntil) == SignatureClaim.ClaimedBefore ? Verdict.Replayed : Verdict.Accepted;
    }

    private Verdict AcceptHere(string call, DateTimeOffset validUntil)
    {
        lock (_gate)
        {
            Forget(time.GetUtcNow());
            if (_seen.Contains(call))
            {
                return Verdict.Replayed;
            }

            if (_seen.Count >= Capacity)
            {
                return Verdict.TooMany;
            }

            _seen.Add(call);
            _byExpiry.Enqueue(call, validUntil);
            return Verdict.Accepted;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        while (_byExpiry.TryPeek(out var call, out var validUntil) && validUntil < now)
        {
            _byExpiry.Dequeue();
            _seen.Remove(call);
        }
    }
}
