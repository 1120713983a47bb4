namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>What a reload did; written in lower case in the admin API, logs and metrics.</summary>
public enum ConfigReloadOutcome
{
    /// <summary>A new snapshot now serves.</summary>
    Applied,

    /// <summary>The files hold the version already serving; nothing was compiled.</summary>
    Unchanged,

    /// <summary>The files have errors; the last good snapshot keeps serving.</summary>
    Rejected,
}
