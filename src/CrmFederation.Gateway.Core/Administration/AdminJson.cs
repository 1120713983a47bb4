using System.Text.Json;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Http;
using CrmFederation.Gateway.Schema.Diff;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Administration;

/// <summary>The admin API's JSON: camelCase, errors as <c>{"error": {"code", "message"}, …}</c>, diagnostics and schema changes in one shape.</summary>
public static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static IResult Error(int status, string code, string message, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?> { ["error"] = new { code, message } };
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return Results.Json(body, Options, statusCode: status);
    }

    public static object Files(string version, ConfigFileSet files) =>
        new { version, files = files.Files.Select(f => new ConfigFileEdit(f.Path, f.Text)) };

    public static object Change(SchemaChange change) => new
    {
        severity = change.Severity.ToString().ToLowerInvariant(),
        code = JsonNamingPolicy.SnakeCaseUpper.ConvertName(change.Kind.ToString()),
        path = change.Path,
        message = change.Message,
    };

    public static object Broken(BrokenOperation operation) => new
    {
        hash = operation.Hash,
        name = operation.Name,
        lastSeen = operation.LastSeen,
        count = operation.Count,
        reasons = operation.Reasons,
    };

    public static object Report(ConfigValidationReport report) => new
    {
        valid = report.Valid,
        version = report.Proposed.Version,
        errors = report.Errors.Select(DiagnosticBody.Of),
        warnings = report.Warnings.Select(DiagnosticBody.Of),
        schemaChanges = report.SchemaChanges.Changes.Select(Change),
        brokenOperations = report.BrokenOperations.Select(Broken),
        summary = report.Summary,
    };

    public static object HistoryEntry(ConfigHistoryEntry entry, bool current) => new
    {
        version = entry.Version,
        previousVersion = entry.PreviousVersion,
        appliedAt = entry.AppliedAt,
        appliedBy = entry.AppliedBy,
        trigger = entry.Trigger,
        forced = entry.Forced,
        reason = entry.Reason,
        summary = entry.Summary,
        filesChanged = entry.Changes.Files,
        schemaChanges = new { breaking = entry.Changes.Breaking, dangerous = entry.Changes.Dangerous, safe = entry.Changes.Safe },
        current,
    };
}
