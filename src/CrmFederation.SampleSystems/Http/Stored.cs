namespace CrmFederation.SampleSystems.Http;

/// <summary>
/// A record with its JSON, serialized once. Stores swap whole <see cref="Stored{T}"/> references,
/// so a reader always sees a value and bytes that belong together.
/// </summary>
internal sealed record Stored<T>(T Value, byte[] Json);
