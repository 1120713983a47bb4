namespace CrmFederation.Gateway.Administration;

/// <summary>A remembered operation as the state file keeps it and the breaking-change report lists it.</summary>
public sealed record RecentOperationRecord(string Hash, string Document, string? OperationName, DateTimeOffset LastSeen, long Count);
