namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>The version serving, since when, and the last reload (null before the first).</summary>
public sealed record ConfigReloadStatus(string Version, DateTimeOffset LoadedAt, ConfigReloadRecord? LastReload);
