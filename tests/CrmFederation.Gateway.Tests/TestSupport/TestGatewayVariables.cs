using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Deployment;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// The variables a gateway under test gets: demo mode's for the sample systems, and a stand-in for any
/// other variable gateway-config references (a source beyond the four samples), so that adding a
/// source to gateway-config does not stop every test gateway from starting.
/// </summary>
public static class TestGatewayVariables
{
    public static IEnumerable<KeyValuePair<string, string?>> For(RunningSampleSystems systems, string? configDirectory = null) =>
        DemoMode.Variables(systems).Concat(GatewayConfigReferences.Variables(configDirectory)
            .Where(reference => !DemoMode.SuppliedVariables.Contains(reference.Variable))
            .DistinctBy(reference => reference.Variable)
            .Select(reference => new KeyValuePair<string, string?>(reference.Variable, reference.Property == "baseUrl"
                ? reference.Default ?? "http://unset.invalid"
                : "test-" + reference.Variable.ToLowerInvariant())));
}
