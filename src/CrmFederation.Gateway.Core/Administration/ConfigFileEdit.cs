namespace CrmFederation.Gateway.Administration;

/// <summary>One file of a proposed change, as the admin API sends and returns it: a path relative to gateway-config, and its text.</summary>
public sealed record ConfigFileEdit(string Path, string Content);
