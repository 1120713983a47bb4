using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Telemetry;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Gives every GraphQL request the current snapshot's schema and root, and its own
/// <see cref="RequestScope"/>, released only after the response has been written. What the caller may
/// see is worked out here, once: its field permissions, introspection, the detail of its errors, and
/// the audit record of the personal data it got.
/// </summary>
public sealed class GatewayExecutionConfigurer(
    GatewaySnapshotHolder snapshots,
    IHttpContextAccessor http,
    ItemCacheAccessor cache,
    GatewayMetrics metrics,
    CursorSeal cursors,
    PersonalDataAudit audit,
    SharedBatches batches,
    IOptions<GatewayOptions> gateway) : IConfigureExecution
{
    public float SortOrder => 100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // Held while the operation runs: the sources' state this snapshot uses is not released under it by a reload.
        using var lease = snapshots.Lease();
        var snapshot = lease.Snapshot;
        options.Schema = snapshot.Schema;
        options.Root = snapshot.Root;
        var permissions = snapshot.Policy.For(options.User, gateway.Value.Demo);
        var scope = new RequestScope(snapshot.Clients, options.CancellationToken, cache.Cache, metrics, options.User, cursors, batches)
        {
            Permissions = permissions,
            IdempotencyKey = http.HttpContext?.Request.Headers.TryGetValue(Writes.IdempotentWrites.HeaderName, out var key) == true ? key.ToString() : null,
            Policy = snapshot.Policy,
            Limits = snapshot.Settings.Limits,
            MaxPageSize = Limits.CostLimits.For(snapshot.Settings.Limits, options.User).MaxPageSize,
        };
        options.UserContext[RequestScope.UserContextKey] = scope;
        if (!permissions.MayIntrospect)
        {
            IntrospectionRefusal.Apply(options);
        }

        // Results point into upstream documents until they are serialized; without an HTTP response to
        // tie them to, the caller owns the scope through the user context.
        http.HttpContext?.Response.RegisterForDispose(scope);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        metrics.OperationStarted();
        ExecutionResult? result = null;
        try
        {
            result = await next(options);
            AddScopeOutcome(result, scope);
            AddCost(options, result, scope);
            AddExplanation(options, result, scope);
            CallerErrors.Redact(result, permissions);
            audit.Write(options.User, options, result, scope.PersonalData, snapshot.Policy.Subject);
        }
        finally
        {
            // After the scope's errors are in: a response whose values were replaced counts as one with errors.
            metrics.OperationEnded(System.Diagnostics.Stopwatch.GetElapsedTime(started), result);
        }

        return result;
    }

    /// <summary>
    /// The cost estimated before the operation ran, with the upstream calls it made: recorded as metrics, and
    /// given to callers who ask with the request extension <c>{"cost": true}</c>.
    /// </summary>
    private void AddCost(ExecutionOptions options, ExecutionResult result, RequestScope scope)
    {
        if (!options.UserContext.TryGetValue(Limits.CostEstimate.UserContextKey, out var stored)
            || stored is not (Limits.CostEstimate estimate, Limits.CostLimits limits))
        {
            return;
        }

        metrics.Cost(estimate.UpstreamCalls, estimate.ResultItems, scope.UpstreamCalls);
        if (options.Extensions?.TryGetValue("cost", out var asked) == true && asked is true)
        {
            result.Extensions ??= new Dictionary<string, object?>();
            result.Extensions["cost"] = new Dictionary<string, object?>
            {
                ["estimatedUpstreamCalls"] = estimate.UpstreamCalls,
                ["estimatedResultItems"] = estimate.ResultItems,
                ["upstreamCalls"] = scope.UpstreamCalls,
                ["maxUpstreamCalls"] = limits.MaxUpstreamCalls,
                ["maxResultItems"] = limits.MaxResultItems,
            };
        }
    }

    /// <summary>
    /// How each list the gateway filtered or sorted was planned, for callers who ask with the request extension
    /// <c>{"explain": true}</c>: what went to which source, what the gateway checked, rows scanned, calls made.
    /// </summary>
    private static void AddExplanation(ExecutionOptions options, ExecutionResult result, RequestScope scope)
    {
        if (options.Extensions?.TryGetValue("explain", out var asked) != true || asked is not true)
        {
            return;
        }

        result.Extensions ??= new Dictionary<string, object?>();
        result.Extensions["explain"] = new Dictionary<string, object?>
        {
            ["lists"] = scope.Explanations.Select(e => e.ToDictionary()).ToList(),
            ["scannedRows"] = scope.ScannedRows,
            ["upstreamCalls"] = scope.UpstreamCalls,
        };
    }

    /// <summary>The errors of fields that still got a value, and the sources answered from stale cache entries.</summary>
    private static void AddScopeOutcome(ExecutionResult result, RequestScope scope)
    {
        if (!scope.Errors.IsEmpty)
        {
            result.Errors ??= [];
            foreach (var error in scope.Errors)
            {
                result.Errors.Add(error);
            }
        }

        if (!scope.StaleSources.IsEmpty)
        {
            // The response says which sources were answered from stale cache entries because they failed.
            result.Extensions ??= new Dictionary<string, object?>();
            result.Extensions["stale"] = scope.StaleSources
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new Dictionary<string, object?> { ["source"] = s.Key, ["ageSeconds"] = (int)s.Value.TotalSeconds })
                .ToList();
        }
    }
}
