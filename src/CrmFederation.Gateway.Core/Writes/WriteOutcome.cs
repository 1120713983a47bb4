using System.Text.Json;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// What one mutation did: every input field that was not applied, with why. A field that is not in
/// <see cref="Errors"/> was applied. Kept whole for an <c>Idempotency-Key</c> replay.
/// </summary>
public sealed record WriteOutcome(IReadOnlyList<WriteError> Errors)
{
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, JsonSerializerOptions.Web);

    public static WriteOutcome Deserialize(byte[] stored) =>
        JsonSerializer.Deserialize<WriteOutcome>(stored, JsonSerializerOptions.Web) ?? new WriteOutcome([]);
}
