using System.Security.Claims;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// One structured log record per mutation run, in the audit category (<see cref="PersonalDataAudit.Category"/>):
/// who wrote, which object (its key), which input fields were asked for and which were not applied.
/// Never a value.
/// </summary>
public sealed partial class WriteAudit(ILoggerFactory loggers, TimeProvider clock)
{
    private readonly ILogger _logger = loggers.CreateLogger(PersonalDataAudit.Category);

    public void Write(ClaimsPrincipal? caller, string mutation, string key, IReadOnlyList<string> fields, IReadOnlyList<string> notApplied) =>
        LogWrite(_logger, caller?.ClientName() ?? "anonymous", mutation, key, fields, notApplied, clock.GetUtcNow());

    [LoggerMessage(2, LogLevel.Information,
        "Write by {Client}: {Mutation} of {Key}, fields {Fields}, not applied {NotApplied} (at {Time:O})")]
    private static partial void LogWrite(
        ILogger logger, string client, string mutation, string key, IReadOnlyList<string> fields, IReadOnlyList<string> notApplied, DateTimeOffset time);
}
