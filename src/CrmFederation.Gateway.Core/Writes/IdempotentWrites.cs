using System.Security.Cryptography;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using GraphQL;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// Runs a mutation at most once per client <c>Idempotency-Key</c>: the key is scoped to the caller and the
/// mutation's place in the operation, and bound to the request's fingerprint (the mutation, its key and
/// its input, variables applied). The same request again gets the first outcome without anything being
/// sent; another request with the same key is refused; a duplicate arriving while the first runs waits for it.
/// </summary>
public sealed class IdempotentWrites(IIdempotencyStore store, GatewaySnapshotHolder snapshots)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Longest a duplicate waits for the first run's outcome.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public async Task<WriteOutcome> RunAsync(
        string? idempotencyKey, IResolveFieldContext context, string fingerprint, Func<CancellationToken, Task<WriteOutcome>> run)
    {
        if (idempotencyKey is null)
        {
            return await run(context.CancellationToken);
        }

        if (idempotencyKey.Length is 0 or > 255)
        {
            throw Refusal("IDEMPOTENCY_KEY_INVALID", $"The {HeaderName} header must have 1 to 255 characters.");
        }

        var key = $"{context.User?.ClientName() ?? "anonymous"}\n{string.Join('.', context.ResponsePath)}\n{idempotencyKey}";
        IdempotencyClaim claim;
        try
        {
            claim = await store.ClaimAsync(key, fingerprint, Wait, context.CancellationToken);
        }
        catch (RedisException)
        {
            throw Refusal("IDEMPOTENCY_UNAVAILABLE", $"The store of {HeaderName} outcomes cannot be reached, so the mutation was not run (it could not be told from a repeat). Try again.");
        }

        if (claim.OtherRequest)
        {
            throw Refusal("IDEMPOTENCY_KEY_REUSED", $"This {HeaderName} was used for a different request (another mutation, key or input); nothing was sent. Use a new key for a new request.");
        }

        if (claim.StillRunning)
        {
            throw Refusal("IDEMPOTENCY_KEY_IN_USE", $"A request with this {HeaderName} is still running; nothing was sent. Repeat it later to get its outcome.");
        }

        if (claim.Outcome is { } stored)
        {
            return WriteOutcome.Deserialize(stored);
        }

        WriteOutcome outcome;
        try
        {
            outcome = await run(context.CancellationToken);
        }
        catch
        {
            await store.ReleaseAsync(key);
            throw;
        }

        await store.CompleteAsync(key, fingerprint, outcome.Serialize(), TimeSpan.FromSeconds(snapshots.Current.Settings.Writes.IdempotencyKeyTtlSeconds));
        return outcome;
    }

    /// <summary>A hash of the mutation, its key and its input (keys sorted at every level, so their order does not matter).</summary>
    public static string Fingerprint(string mutation, string key, IDictionary<string, object?> input) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object?[] { mutation, key, Canonical(input) })));

    private static object? Canonical(object? value) => value is IDictionary<string, object?> map
        ? new SortedDictionary<string, object?>(map.ToDictionary(entry => entry.Key, entry => Canonical(entry.Value)), StringComparer.Ordinal)
        : value?.ToString();

    private static ExecutionError Refusal(string code, string message) => new(message) { Code = code };
}
