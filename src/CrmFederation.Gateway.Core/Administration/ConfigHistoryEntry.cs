using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// One version the gateway ran: its files, when and by whom it was applied, what triggered it
/// (<c>startup</c>, <c>file</c>, <c>reload</c>, <c>apply</c>, <c>rollback</c>), what changed, and whether a
/// breaking change was forced, with the reason given.
/// </summary>
public sealed record ConfigHistoryEntry(
    long Sequence,
    string Version,
    string? PreviousVersion,
    DateTimeOffset AppliedAt,
    string AppliedBy,
    string Trigger,
    bool Forced,
    string? Reason,
    ConfigChangeSummary Changes,
    IReadOnlyList<ConfigFileEdit> Files)
{
    public string Summary => Changes.ToString();

    /// <summary>This version's files, read as if from the directory of <paramref name="live"/>.</summary>
    public ConfigFileSet FileSet(ConfigFileSet live) => live.Replaced(Files.Select(f => new ConfigFileContent(f.Path, f.Content)));
}
