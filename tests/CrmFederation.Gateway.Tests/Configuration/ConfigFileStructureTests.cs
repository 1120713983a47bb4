using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Problems the reader finds before any meaning is checked: JSON syntax, unknown or mistyped properties.</summary>
public sealed class ConfigFileStructureTests
{
    [Fact]
    public void TryCompile_MissingComma_ReportsSyntaxErrorAtTheNextLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/crm.json", "\"keyParameter\": \"ids\",", "\"keyParameter\": \"ids\"");
        var line = sandbox.LineOf("sources/crm.json", "\"keyParameter\": \"ids\"") + 1;

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "sources/crm.json", line, "is invalid after a value");
    }

    [Fact]
    public void TryCompile_MisspelledEndpointProperty_ReportsUnknownPropertyWithLineAndPath()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/crm.json", "\"keyParameter\": \"ids\"", "\"keyParamter\": \"ids\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "sources/crm.json", sandbox.LineOf("sources/crm.json", "keyParamter"),
            "The JSON property 'keyParamter' could not be mapped", "$.endpoints.customersById.keyParamter");
        Assert.Contains("gateway-config.schema.json", diagnostic.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_MisspelledTypeBindingProperty_ReportsUnknownProperty()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"SupportOrganization\": {\n      \"fields\"", "\"SupportOrganization\": {\n      \"feilds\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "feilds"),
            "The JSON property 'feilds' could not be mapped", "$.types.SupportOrganization.feilds");
    }

    [Fact]
    public void TryCompile_FieldBindingThatIsANumber_ReportsPathStringOrObjectExpected()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/billing.json", "\"legalName\": \"Name\"", "\"legalName\": 42");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "bindings/billing.json", sandbox.LineOf("bindings/billing.json", "legalName"),
            "The binding of field 'legalName' must be a path string or a binding object");
    }

    [Fact]
    public void TryCompile_FileThatFailsToRead_IsLeftOutAndTheRestIsStillChecked()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/commerce.json", "\"maxBatchSize\": 50,", "\"maxBatchSize\": 50,,")
            .Replace("bindings/support.json", "\"subject\": \"subject\",", "");

        var (_, diagnostics) = sandbox.Compile();

        Assert.Contains(diagnostics, d => d.File == "sources/commerce.json" && d.Message.Contains("invalid start of a property name", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.File == "bindings/support.json" && d.Message.Contains("'Ticket.subject' has no binding", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_MissingSchemaDirectory_ReportsNoSchema()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();
        Directory.Delete(Path.Combine(sandbox.Directory, "schema"), recursive: true);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "schema/", null, "No GraphQL schema file found.");
    }

    [Fact]
    public void TryCompile_GraphQLSyntaxError_ReportsSchemaFileAndLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("schema/broken.graphql", "extend type Customer {\n  nickname String\n}\n");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = Assert.Single(diagnostics, d => d.File == "schema/broken.graphql");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(2, diagnostic.Line);
        Assert.NotNull(diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_DirectoryThatDoesNotExist_ReportsIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "crmfed-missing-" + Guid.NewGuid().ToString("N"));

        var (snapshot, diagnostics) = ConfigSandbox.TryCompile(missing, ConfigSandbox.SampleVariables);

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, missing, null, "The gateway-config directory does not exist.");
    }
}
