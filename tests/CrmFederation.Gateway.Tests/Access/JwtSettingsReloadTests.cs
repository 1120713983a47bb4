using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Tests.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>The JWT handler's settings are built from the config snapshot, and built again when a new snapshot is published.</summary>
public sealed class JwtSettingsReloadTests
{
    [Fact]
    public async Task Swap_SnapshotWithAnotherIssuer_TokensOfTheNewIssuerOnlyFromTheNextRequest()
    {
        await using var gateway = AccessGateway.Start(settings: TestIdentityProvider.Settings);
        using var next = ConfigSandbox.CopyOfSample();
        var key = TestIdentityProvider.DemoKey;
        var fromTestIdp = TestIdentityProvider.Token(key);
        var fromSampleIssuer = TestIdentityProvider.Token(key, issuer: "crmfed", audience: "crmfed-gateway");

        var before = (await gateway.SendAsync(bearer: fromTestIdp), await gateway.SendAsync(bearer: fromSampleIssuer));
        var snapshot = gateway.Services.GetRequiredService<GatewayConfigCompiler>()
            .Compile(next.Directory, name => ConfigSandbox.SampleVariables.GetValueOrDefault(name));
        gateway.Services.GetRequiredService<GatewaySnapshotHolder>().Swap(snapshot);
        var after = (await gateway.SendAsync(bearer: fromTestIdp), await gateway.SendAsync(bearer: fromSampleIssuer));

        before.Item1.AssertOk();
        before.Item2.AssertUnauthenticated("invalid");
        after.Item1.AssertUnauthenticated("invalid");
        after.Item2.AssertOk();
    }
}
