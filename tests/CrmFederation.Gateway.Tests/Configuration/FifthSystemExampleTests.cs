using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>The worked example of gateway-config/README.md ("Adding a fifth system and a field") compiles as written.</summary>
public sealed class FifthSystemExampleTests
{
    [Fact]
    public void TryCompile_SampleWithTheFifthSystemExample_CompilesWithoutDiagnostics()
    {
        using var sandbox = FifthSystemGateway.SampleWithFifthSystem();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_SUBSCRIPTIONS_TOKEN", "subscriptions-token")));

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot);
        Assert.Equal(new Uri("http://localhost:7105/"), snapshot.Sources["subscriptions"].BaseUri);
    }

    [Fact]
    public void TryCompile_FifthSystemFieldBoundInItsOwnFile_ReportsCustomerBoundTwice()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Overlay("FifthSystem")
            .Replace("bindings/subscriptions.json", "\"types\": {", "\"types\": {\n    \"Customer\": { \"fields\": { " + FifthSystemGateway.CustomerField.TrimEnd(',') + " } },");

        var (_, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_SUBSCRIPTIONS_TOKEN", "subscriptions-token")));

        Assert.Contains(diagnostics, d => d.File == "bindings/subscriptions.json"
            && d.Message.Contains("Type 'Customer' is bound twice (also in bindings/customer.json).", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_FifthSystemTokenUnset_ReportsItsCredential()
    {
        using var sandbox = FifthSystemGateway.SampleWithFifthSystem();

        var (_, diagnostics) = sandbox.Compile(ConfigSandbox.SampleVariables);

        DiagnosticAssert.Error(diagnostics, "sources/subscriptions.json", sandbox.LineOf("sources/subscriptions.json", "\"token\""),
            "environment variable 'CRMFED_SUBSCRIPTIONS_TOKEN' is not set", "$.auth.token");
    }
}
