using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>How an apply or a rollback ended; the admin endpoints turn each into its HTTP answer.</summary>
public abstract record ConfigApplyOutcome
{
    /// <summary>The proposed files run now (or already did: <paramref name="Entry"/> is null when nothing changed).</summary>
    public sealed record Applied(string Version, string PreviousVersion, ConfigValidationReport Report, ConfigHistoryEntry? Entry) : ConfigApplyOutcome;

    /// <summary>The caller expected another version than the one running.</summary>
    public sealed record VersionConflict(string CurrentVersion) : ConfigApplyOutcome;

    public sealed record Invalid(ConfigValidationReport Report) : ConfigApplyOutcome;

    /// <summary>A breaking change, not forced with a reason.</summary>
    public sealed record Breaking(ConfigValidationReport Report) : ConfigApplyOutcome;

    public sealed record NotWritable(string Message) : ConfigApplyOutcome;

    /// <summary>The files were written but what the directory now holds did not compile; the old config keeps running.</summary>
    public sealed record NotPublished(IReadOnlyList<ConfigDiagnostic> Diagnostics) : ConfigApplyOutcome;
}
