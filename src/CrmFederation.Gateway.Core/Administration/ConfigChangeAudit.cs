using CrmFederation.Gateway.Access;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// One audit record (log category <see cref="PersonalDataAudit.Category"/>, beside the personal-data reads) per
/// config version the gateway starts running: who, when, what triggered it, what changed, and whether a
/// breaking change was forced and why. Never a file's content.
/// </summary>
public sealed partial class ConfigChangeAudit(ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(PersonalDataAudit.Category);

    public void Write(ConfigHistoryEntry entry) =>
        LogConfigChanged(_logger, entry.Trigger, entry.AppliedBy, entry.PreviousVersion, entry.Version, entry.Summary,
            entry.Changes.Files.Select(f => f.Path).ToList(), entry.Changes.Breaking, entry.Forced, entry.Reason, entry.AppliedAt);

    [LoggerMessage(10, LogLevel.Information,
        "Config {Trigger} by {Client}: version {PreviousVersion} -> {Version} ({Summary}); files {Files}; breaking changes {Breaking}, forced {Forced}, reason {Reason} (at {Time:O})")]
    private static partial void LogConfigChanged(
        ILogger logger, string trigger, string client, string? previousVersion, string version, string summary,
        IReadOnlyList<string> files, int breaking, bool forced, string? reason, DateTimeOffset time);
}
