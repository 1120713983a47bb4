using System.Security.Claims;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Limits;

/// <summary>The cost limits one caller's requests are held to: gateway.json's, or those its roles raise or lower.</summary>
/// <param name="MaxPageSize">The largest page a role of the caller allows beyond the page bindings' own max; null when none does.</param>
public sealed record CostLimits(int MaxUpstreamCalls, int MaxResultItems, int MaxResponseBytes, int? MaxPageSize = null)
{
    /// <summary>For each limit, the most generous value among the caller's roles that set it; the gateway-wide value when none does.</summary>
    public static CostLimits For(LimitsConfig limits, ClaimsPrincipal? caller)
    {
        int? calls = null, items = null, bytes = null, pageSize = null;
        foreach (var role in caller?.FindAll(CallerClaims.Role) ?? [])
        {
            if (limits.ByRole.TryGetValue(role.Value, out var overrides))
            {
                calls = Max(calls, overrides.MaxUpstreamCalls);
                items = Max(items, overrides.MaxResultItems);
                bytes = Max(bytes, overrides.MaxResponseBytes);
                pageSize = Max(pageSize, overrides.MaxPageSize);
            }
        }

        return new CostLimits(calls ?? limits.MaxUpstreamCalls, items ?? limits.MaxResultItems, bytes ?? limits.MaxResponseBytes, pageSize);
    }

    private static int? Max(int? current, int? candidate) => (current, candidate) switch
    {
        (null, _) => candidate,
        (_, null) => current,
        _ => Math.Max(current.Value, candidate.Value),
    };
}
