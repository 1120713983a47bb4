using System.Text.Json;
using System.Text.Json.Serialization;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Configuration.Reload;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The admin API's reload endpoints (admin scope): <c>POST /admin/config/reload</c> re-reads gateway-config
/// from disk; <c>GET /admin/config/status</c> tells the version serving and how the last reload went.
/// </summary>
public static class ConfigReloadEndpoints
{
    public const string Trigger = "reload";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapConfigReload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/config/reload", ReloadAsync).RequireAuthorization(AccessPolicies.Admin);
        endpoints.MapGet("/admin/config/status", Status).RequireAuthorization(AccessPolicies.Admin);
        return endpoints;
    }

    private static async Task<IResult> ReloadAsync(ConfigReloader reloader, HttpContext context)
    {
        var result = await reloader.ReloadAsync(Trigger, context.RequestAborted);
        return Results.Json(new { result.Outcome, result.Version, Errors = result.Errors.Select(DiagnosticBody.Of) }, Json);
    }

    private static IResult Status(ConfigReloader reloader)
    {
        var status = reloader.Status;
        return Results.Json(new
        {
            status.Version,
            status.LoadedAt,
            LastReload = status.LastReload is { } last
                ? new { last.At, last.Trigger, last.Result.Outcome, Errors = last.Result.Errors.Select(DiagnosticBody.Of) }
                : null,
        }, Json);
    }
}
