namespace CrmFederation.Gateway.Administration;

/// <summary>A recently served operation that would no longer validate against a proposed schema, and why.</summary>
public sealed record BrokenOperation(string Hash, string? Name, DateTimeOffset LastSeen, long Count, IReadOnlyList<string> Reasons);
