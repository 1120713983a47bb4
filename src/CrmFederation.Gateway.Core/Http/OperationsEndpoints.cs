using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Schema;
using CrmFederation.Gateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The operators' endpoints: health, per-source status, where each field comes from and cache purge (for callers with the admin scope),
/// and source change webhooks (signed by the source).
/// </summary>
public static class OperationsEndpoints
{
    public static IServiceCollection AddGatewayOperations(this IServiceCollection services)
    {
        services.AddSingleton<WebhookReplayGuard>();
        services.AddHealthChecks().AddCheck<GatewayReadinessCheck>("gateway", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteHealth });
        endpoints.MapGet("/status/sources", SourceStatus).RequireAuthorization(AccessPolicies.Admin);
        endpoints.MapPost("/admin/cache/purge", PurgeAsync).RequireAuthorization(AccessPolicies.Admin);
        endpoints.MapGet("/admin/schema/bindings", (GatewaySnapshotHolder snapshots) => Results.Json(FieldOrigins.Of(snapshots.Current)))
            .RequireAuthorization(AccessPolicies.Admin);
        endpoints.MapPost("/webhooks/{source}", SourceWebhook.HandleAsync);
        return endpoints;
    }

    private static IResult SourceStatus(GatewaySnapshotHolder snapshots)
    {
        var snapshot = snapshots.Current;
        return Results.Json(new
        {
            configVersion = snapshot.Version,
            sources = snapshot.Clients.Values.OrderBy(c => c.Source.Name, StringComparer.Ordinal).Select(client =>
            {
                var health = SourceHealth.Of(client);
                var recent = health.Recent;
                return new
                {
                    name = client.Source.Name,
                    health = health.Status,
                    healthReason = health.Reason,
                    circuit = health.Circuit,
                    callsLastMinute = recent.CallsLastMinute,
                    errorRateLastMinute = Math.Round(recent.ErrorRate, 3),
                    meanLatencyMs = Math.Round(recent.MeanLatencyMs, 1),
                    concurrencyHeadroom = client.Resilience.ConcurrencyHeadroom,
                    rateLimitHeadroom = client.Resilience.RateHeadroom,
                    cacheHitRatio = recent.CacheHitRatio is { } ratio ? Math.Round(ratio, 3) : (double?)null,
                };
            }),
        });
    }

    private static async Task<IResult> PurgeAsync(HttpContext context, ItemCacheAccessor cache, GatewaySnapshotHolder snapshots)
    {
        PurgeRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<PurgeRequest>(context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        var tag = request switch
        {
            { CustomerId: { Length: > 0 } id, Source: null } => "customer:" + id,
            { Source: { Length: > 0 } source, CustomerId: null } when snapshots.Current.Sources.ContainsKey(source) => CacheTags.Source(source),
            _ => null,
        };
        if (tag is null)
        {
            return Results.BadRequest(new { error = "send exactly one of {\"customerId\": \"…\"} or {\"source\": \"<configured source>\"}" });
        }

        if (cache.Cache is { } itemCache)
        {
            await itemCache.RemoveByTagAsync(tag);
        }

        return Results.Ok(new { purged = tag });
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }

    private sealed record PurgeRequest(string? CustomerId, string? Source);
}
