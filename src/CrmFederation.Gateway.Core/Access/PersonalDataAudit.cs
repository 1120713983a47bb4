using System.Security.Claims;
using CrmFederation.Gateway.Telemetry;
using GraphQL;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// One structured log record, in the category <see cref="Category"/>, per request that returned personal
/// data: who asked, which operation (name and document hash), which personal fields and whose (customer
/// ids). Never a value. OpenTelemetry exports it with the other logs; a collector can route the category to a SIEM.
/// The lists arrive as attributes holding a JSON array as text (<c>["Contact.email","Customer.primaryEmail"]</c>).
/// </summary>
public sealed partial class PersonalDataAudit(ILoggerFactory loggers, TimeProvider clock)
{
    public const string Category = "CrmFederation.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Write(ClaimsPrincipal? caller, ExecutionOptions options, ExecutionResult result, PersonalDataReads reads, PersonalDataSubject? subject)
    {
        if (reads.IsEmpty || !_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        LogPersonalDataReturned(
            _logger,
            caller?.ClientName() ?? "anonymous",
            reads.Fields,
            subject?.TypeName ?? "subject",
            subject is null ? [] : reads.SubjectIds(subject),
            result.Operation?.Name?.StringValue ?? options.OperationName,
            options.Query is { } query ? TelemetryServiceCollectionExtensions.DocumentHash(query) : null,
            clock.GetUtcNow());
    }

    [LoggerMessage(1, LogLevel.Information,
        "Personal data returned to {Client}: {Fields} of {SubjectType} {SubjectIds} (operation {OperationName}, document {DocumentHash}, at {Time:O})")]
    private static partial void LogPersonalDataReturned(
        ILogger logger, string client, IReadOnlyList<string> fields, string subjectType, IReadOnlyList<string> subjectIds, string? operationName, string? documentHash, DateTimeOffset time);
}
