using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Schema.Diff;
using CrmFederation.Gateway.Tests.Configuration;

namespace CrmFederation.Gateway.Tests.Schema.Diff;

/// <summary>The public schema read from a gateway-config directory's SDL, as the diff sees it.</summary>
public sealed class SchemaSurfaceTests
{
    [Fact]
    public void Read_SampleSchema_TypesWithExtensionsMergedAndDefaultsPrinted()
    {
        var surface = Read(ConfigSandbox.SampleConfigDirectory, out var diagnostics);

        Assert.Empty(diagnostics);
        var customers = surface.Types["Query"].Fields["customers"];
        Assert.Equal("20", customers.Arguments["first"].DefaultValue);
        Assert.Equal("NAME_ASC", customers.Arguments["orderBy"].DefaultValue);
        Assert.Equal("[Customer]!", surface.Types["Query"].Fields["customersByIds"].Type.ToString());
        Assert.Equal(SchemaTypeKind.Scalar, surface.Types["Decimal"].Kind);
        Assert.False(surface.Types.ContainsKey("String"));
    }

    [Fact]
    public void Compare_SampleSchemaWithTheFifthSystemAdded_OnlySafeAdditions()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Overlay("FifthSystem");

        var report = SchemaDiff.Compare(Read(ConfigSandbox.SampleConfigDirectory, out _), Read(sandbox.Directory, out _));

        Assert.Equal(
            ["Customer.subscriptions", "CustomerSubscription", "SubscriptionStatus"],
            report.Changes.Select(c => c.Path));
        Assert.All(report.Changes, c => Assert.Equal(SchemaChangeSeverity.Safe, c.Severity));
    }

    [Fact]
    public void Read_FileWithASyntaxError_ReportsItWithFileAndLine()
    {
        var diagnostics = new List<ConfigDiagnostic>();

        var surface = SchemaSurface.Read([new SchemaFile("schema/broken.graphql", "type A { id: ID! }\ntype B {\n  id ID!\n}\n")], diagnostics);

        Assert.Empty(surface.Types);
        var error = Assert.Single(diagnostics);
        Assert.Equal(("schema/broken.graphql", 3, DiagnosticSeverity.Error), (error.File, error.Line, error.Severity));
    }

    private static SchemaSurface Read(string directory, out List<ConfigDiagnostic> diagnostics)
    {
        diagnostics = [];
        var raw = ConfigDirectoryReader.Read(directory, diagnostics);
        return SchemaSurface.Read(raw.SchemaFiles, diagnostics);
    }
}
