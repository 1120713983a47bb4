namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>The result of one reload: its outcome, the version serving after it, and every error of a rejected config.</summary>
public sealed record ConfigReloadResult(ConfigReloadOutcome Outcome, string Version, IReadOnlyList<ConfigDiagnostic> Errors);
