using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Configuration;

public sealed class SampleGatewayConfigTests
{
    [Fact]
    public void TryCompile_SampleConfigWithAllVariables_CompilesWithoutDiagnostics()
    {
        var (snapshot, diagnostics) = ConfigSandbox.TryCompile(ConfigSandbox.SampleConfigDirectory, ConfigSandbox.SampleVariables);

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void TryCompile_SampleConfig_CompilesFourSourcesWithTheirEndpoints()
    {
        var (snapshot, _) = ConfigSandbox.TryCompile(ConfigSandbox.SampleConfigDirectory, ConfigSandbox.SampleVariables);

        Assert.NotNull(snapshot);
        Assert.Equal(["commerce", "crm", "erp", "helpdesk"], snapshot.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Uri("http://erp.test/"), snapshot.Sources["erp"].BaseUri);
        Assert.True(snapshot.Sources["helpdesk"].Endpoints["ticketsByOrganization"].Paging is { NextUrlPath: not null });
        Assert.Equal(StringComparer.OrdinalIgnoreCase, snapshot.Sources["commerce"].Endpoints["customersByEmail"].KeyComparer);
        Assert.Equal(50, snapshot.Sources["erp"].Endpoints["invoicesByAccount"].MaxBatchSize);
    }

    [Fact]
    public void TryCompile_BaseUrlVariablesUnset_UsesTheDefaultsOfTheSampleSources()
    {
        var variables = ConfigSandbox.VariablesWith(
            ("CRMFED_CRM_BASE_URL", null), ("CRMFED_ERP_BASE_URL", null), ("CRMFED_HELPDESK_BASE_URL", null), ("CRMFED_COMMERCE_BASE_URL", null));

        var (snapshot, diagnostics) = ConfigSandbox.TryCompile(ConfigSandbox.SampleConfigDirectory, variables);

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.Equal(new Uri("http://localhost:7101/"), snapshot!.Sources["crm"].BaseUri);
        Assert.Equal(new Uri("http://localhost:7104/"), snapshot.Sources["commerce"].BaseUri);
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
