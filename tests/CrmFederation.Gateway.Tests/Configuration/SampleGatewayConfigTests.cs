using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>The repository's gateway-config compiles (<see cref="GatewayConfigChecks"/>), with the sample sources' particulars.</summary>
public sealed class SampleGatewayConfigTests
{
    [Fact]
    public void TryCompile_SampleConfigWithAllVariables_CompilesWithoutDiagnostics()
    {
        GatewayConfigChecks.AssertCompilesWithoutDiagnostics(ConfigSandbox.SampleConfigDirectory);
    }

    [Fact]
    public void TryCompile_SampleConfig_CompilesEverySourceFileWithTheirEndpoints()
    {
        var snapshot = GatewayConfigChecks.AssertCompilesEverySourceFile(ConfigSandbox.SampleConfigDirectory);

        Assert.Equal(new Uri("http://erp.test/"), snapshot.Sources["erp"].BaseUri);
        Assert.True(snapshot.Sources["helpdesk"].Endpoints["ticketsByOrganization"].Paging is { NextUrlPath: not null });
        Assert.Equal(StringComparer.OrdinalIgnoreCase, snapshot.Sources["commerce"].Endpoints["customersByEmail"].KeyComparer);
        Assert.Equal(50, snapshot.Sources["erp"].Endpoints["invoicesByAccount"].MaxBatchSize);
    }

    [Fact]
    public void TryCompile_BaseUrlVariablesUnset_UsesTheDefaultsOfTheSampleSources()
    {
        GatewayConfigChecks.AssertBaseUrlDefaultsApplyWhenUnset(ConfigSandbox.SampleConfigDirectory);
    }

    [Fact]
    public void Compile_ConfigWithErrors_ThrowsConfigExceptionListingThem()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"subject\": \"subject\",", "");

        var fieldsLine = sandbox.LineOf("bindings/support.json", "\"Ticket\": {") + 1;
        using var pool = new UpstreamConnectionPool();
        using var services = new ServiceCollection().BuildServiceProvider();
        var compiler = new GatewayConfigCompiler(new SourceClientFactory(pool, TimeProvider.System), services);

        var exception = Assert.Throws<ConfigException>(
            () => compiler.Compile(sandbox.Directory, name => ConfigSandbox.SampleVariables.GetValueOrDefault(name)));

        Assert.Contains("gateway-config has 1 error(s)", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"error: bindings/support.json:{fieldsLine} ($.types.Ticket.fields): Field 'Ticket.subject' has no binding.",
            exception.Message, StringComparison.Ordinal);
        Assert.Single(exception.Diagnostics);
    }
}
