using System.Security.Claims;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>Which cost limits a caller gets from gateway.json's limits and its roles' overrides.</summary>
public sealed class CostLimitsTests
{
    private static readonly LimitsConfig Limits = new()
    {
        MaxUpstreamCalls = 50,
        MaxResultItems = 1000,
        MaxResponseBytes = 4096,
        ByRole = new Dictionary<string, RoleLimitsConfig>
        {
            ["analyst"] = new() { MaxResultItems = 9000 },
            ["agent"] = new() { MaxUpstreamCalls = 10, MaxResultItems = 500 },
            ["batch"] = new() { MaxUpstreamCalls = 400 },
        },
    };

    [Fact]
    public void For_CallerWithoutRoleOverrides_GetsTheGatewayWideLimits() =>
        Assert.Equal(new CostLimits(50, 1000, 4096), CostLimits.For(Limits, Caller("admin")));

    [Fact]
    public void For_NoCaller_GetsTheGatewayWideLimits() =>
        Assert.Equal(new CostLimits(50, 1000, 4096), CostLimits.For(Limits, null));

    [Fact]
    public void For_RoleOverridingSomeLimits_ChangesOnlyThose() =>
        Assert.Equal(new CostLimits(10, 500, 4096), CostLimits.For(Limits, Caller("agent")));

    [Fact]
    public void For_SeveralRoles_GetsTheMostGenerousOverrideOfEachLimit() =>
        Assert.Equal(new CostLimits(400, 9000, 4096), CostLimits.For(Limits, Caller("agent", "analyst", "batch")));

    private static ClaimsPrincipal Caller(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(role => new Claim(CallerClaims.Role, role)), "test"));
}
