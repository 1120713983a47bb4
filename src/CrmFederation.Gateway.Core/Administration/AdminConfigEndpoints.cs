using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// The config part of the admin API, for callers with the admin scope: the live config, a dry run of a
/// change, apply with optimistic concurrency, the history of applied versions and rollback to one of them.
/// </summary>
public static class AdminConfigEndpoints
{
    public const int MaxFiles = 500;

    public const int MaxReasonLength = 1000;

    public static IEndpointRouteBuilder MapAdminConfig(this IEndpointRouteBuilder endpoints)
    {
        var config = endpoints.MapGroup("/admin/config").RequireAuthorization(AccessPolicies.Admin);
        config.MapGet("", Current);
        config.MapPost("/validate", ValidateAsync);
        config.MapPost("/apply", ApplyAsync);
        config.MapGet("/history", History);
        config.MapGet("/history/{version}", HistoricVersion);
        config.MapPost("/rollback", RollbackAsync);
        return endpoints;
    }

    private static IResult Current(HttpContext context, GatewaySnapshotHolder snapshots)
    {
        var live = snapshots.Current;
        context.Response.Headers.ETag = $"\"{live.Version}\"";
        return Results.Json(AdminJson.Files(live.Version, live.Files), AdminJson.Options);
    }

    private static async Task<IResult> ValidateAsync(
        HttpContext context, GatewaySnapshotHolder snapshots, ConfigDryRun dryRun, IOptions<AdministrationOptions> options)
    {
        var (request, error) = await AdminRequestBody.ReadAsync<ConfigValidateRequest>(context.Request, options.Value.MaxRequestBytes, context.RequestAborted);
        if (request is null)
        {
            return error!;
        }

        if (FilesProblem(request.Files) is { } problem)
        {
            return problem;
        }

        var live = snapshots.Current;
        var report = await dryRun.ValidateAsync(live, live.Files.With(Contents(request.Files)), context.RequestAborted);
        return Results.Json(AdminJson.Report(report), AdminJson.Options);
    }

    private static async Task<IResult> ApplyAsync(HttpContext context, ConfigApplier applier, IOptions<AdministrationOptions> options)
    {
        var (request, error) = await AdminRequestBody.ReadAsync<ConfigApplyRequest>(context.Request, options.Value.MaxRequestBytes, context.RequestAborted);
        if (request is null)
        {
            return error!;
        }

        if ((FilesProblem(request.Files) ?? ChangeProblem(request.Reason)) is { } problem)
        {
            return problem;
        }

        if (ExpectedVersion(context, request.ExpectedVersion) is not { } expected)
        {
            return VersionRequired();
        }

        var edits = Contents(request.Files);
        var change = new ConfigChange(live => live.With(edits), expected, Caller(context), "apply", request.Force, request.Reason);
        return Answer(await applier.ApplyAsync(change, context.RequestAborted));
    }

    private static async Task<IResult> RollbackAsync(HttpContext context, ConfigApplier applier, ConfigHistory history, IOptions<AdministrationOptions> options)
    {
        var (request, error) = await AdminRequestBody.ReadAsync<ConfigRollbackRequest>(context.Request, options.Value.MaxRequestBytes, context.RequestAborted);
        if (request is null)
        {
            return error!;
        }

        if (ChangeProblem(request.Reason) is { } problem)
        {
            return problem;
        }

        if (history.Find(request.Version) is not { } target)
        {
            return UnknownVersion(request.Version);
        }

        if (ExpectedVersion(context, request.ExpectedVersion) is not { } expected)
        {
            return VersionRequired();
        }

        var change = new ConfigChange(target.FileSet, expected, Caller(context), "rollback", request.Force, request.Reason);
        return Answer(await applier.ApplyAsync(change, context.RequestAborted));
    }

    private static IResult History(GatewaySnapshotHolder snapshots, ConfigHistory history)
    {
        var running = snapshots.Current.Version;
        var entries = history.Entries;
        var current = entries.FirstOrDefault(e => e.Version == running);
        return Results.Json(new { entries = entries.Select(e => AdminJson.HistoryEntry(e, ReferenceEquals(e, current))) }, AdminJson.Options);
    }

    private static IResult HistoricVersion(string version, GatewaySnapshotHolder snapshots, ConfigHistory history) =>
        history.Find(version) is { } entry
            ? Results.Json(AdminJson.Files(entry.Version, entry.FileSet(snapshots.Current.Files)), AdminJson.Options)
            : UnknownVersion(version);

    private static IResult Answer(ConfigApplyOutcome outcome) => outcome switch
    {
        ConfigApplyOutcome.Applied applied => Results.Json(new
        {
            version = applied.Version,
            previousVersion = applied.PreviousVersion,
            schemaChanges = applied.Report.SchemaChanges.Changes.Select(AdminJson.Change),
            brokenOperations = applied.Report.BrokenOperations.Select(AdminJson.Broken),
            summary = applied.Report.Summary,
        }, AdminJson.Options),
        ConfigApplyOutcome.VersionConflict conflict => AdminJson.Error(StatusCodes.Status409Conflict, "VERSION_CONFLICT",
            $"The running config is version {conflict.CurrentVersion}, not the one this change was made against: read it again (GET /admin/config) and redo the change.",
            new Dictionary<string, object?> { ["currentVersion"] = conflict.CurrentVersion }),
        ConfigApplyOutcome.Invalid invalid => AdminJson.Error(StatusCodes.Status422UnprocessableEntity, "CONFIG_INVALID",
            $"The proposed config has {invalid.Report.Errors.Count()} error(s); nothing was changed.",
            new Dictionary<string, object?>
            {
                ["errors"] = invalid.Report.Errors.Select(DiagnosticBody.Of),
                ["warnings"] = invalid.Report.Warnings.Select(DiagnosticBody.Of),
            }),
        ConfigApplyOutcome.Breaking breaking => AdminJson.Error(StatusCodes.Status409Conflict, "BREAKING_CHANGE",
            $"The change is breaking ({breaking.Report.SchemaChanges.Breaking.Count()} breaking schema change(s); {breaking.Report.Summary}); nothing was changed. " +
            "Send \"force\": true with a \"reason\" to apply it anyway.",
            new Dictionary<string, object?>
            {
                ["schemaChanges"] = breaking.Report.SchemaChanges.Changes.Select(AdminJson.Change),
                ["brokenOperations"] = breaking.Report.BrokenOperations.Select(AdminJson.Broken),
                ["summary"] = breaking.Report.Summary,
            }),
        ConfigApplyOutcome.NotWritable notWritable => AdminJson.Error(StatusCodes.Status409Conflict, "CONFIG_NOT_WRITABLE", notWritable.Message),
        ConfigApplyOutcome.NotPublished notPublished => AdminJson.Error(StatusCodes.Status422UnprocessableEntity, "CONFIG_INVALID",
            "The files were written, but the gateway-config directory did not compile (changed by someone else meanwhile?); the previous config keeps running.",
            new Dictionary<string, object?> { ["errors"] = notPublished.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(DiagnosticBody.Of) }),
        _ => throw new InvalidOperationException($"Unhandled outcome {outcome.GetType().Name}."),
    };

    private static IResult? FilesProblem(IReadOnlyList<ConfigFileEdit> files)
    {
        if (files.Count > MaxFiles)
        {
            return AdminRequestBody.BadRequest($"{files.Count} files in one request; at most {MaxFiles}.");
        }

        if (files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return AdminRequestBody.BadRequest($"'{twice.Key}' is sent twice.");
        }

        return files.Select(f => ConfigEditPath.Problem(f.Path)).FirstOrDefault(p => p is not null) is { } problem
            ? AdminJson.Error(StatusCodes.Status400BadRequest, "INVALID_PATH", problem)
            : null;
    }

    private static IResult? ChangeProblem(string? reason) =>
        reason is { Length: > MaxReasonLength } ? AdminRequestBody.BadRequest($"The reason is longer than {MaxReasonLength} characters.") : null;

    private static List<ConfigFileContent> Contents(IReadOnlyList<ConfigFileEdit> files) =>
        [.. files.Select(f => new ConfigFileContent(f.Path, f.Content))];

    /// <summary>The body's expectedVersion, else If-Match (<c>"version"</c> or <c>W/"version"</c>), else null.</summary>
    private static string? ExpectedVersion(HttpContext context, string? fromBody)
    {
        if (!string.IsNullOrEmpty(fromBody))
        {
            return fromBody;
        }

        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        header = header.Trim('"');
        return header.Length > 0 ? header : null;
    }

    private static string Caller(HttpContext context) => context.User.ClientName() ?? "anonymous";

    private static IResult VersionRequired() => AdminJson.Error(StatusCodes.Status428PreconditionRequired, "VERSION_REQUIRED",
        "Say which version the change was made against: \"expectedVersion\" in the body, or If-Match with the ETag of GET /admin/config.");

    private static IResult UnknownVersion(string version) => AdminJson.Error(StatusCodes.Status404NotFound, "VERSION_NOT_FOUND",
        $"Version '{(version.Length > 64 ? version[..64] : version)}' is not in the config history (GET /admin/config/history lists it).");
}
