using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Enum maps must cover their GraphQL enum exactly, and only with its values.</summary>
public sealed class EnumMapDiagnosticsTests
{
    private const string EnumMaps = "bindings/enum-maps.json";

    [Fact]
    public void TryCompile_EnumValueWithoutMapping_ReportsTheValueAtTheMap()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(EnumMaps, ", \"unoffered\": \"UNOFFERED\"", "");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, EnumMaps, sandbox.LineOf(EnumMaps, "\"helpdesk.satisfaction\""),
            "Enum value Satisfaction.UNOFFERED has no mapping in 'helpdesk.satisfaction'.", "$.enumMaps.helpdesk.satisfaction");
        Assert.Equal("Add the source's spelling of UNOFFERED: \"<source value>\": \"UNOFFERED\".", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_EnumMapTargetNotAnEnumValue_ReportsTheEntryAndTheValidValues()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(EnumMaps, "\"high\": \"HIGH\"", "\"high\": \"IMPORTANT\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, EnumMaps, sandbox.LineOf(EnumMaps, "\"helpdesk.priority\""),
            "'IMPORTANT' is not a value of enum TicketPriority.", "$.enumMaps.helpdesk.priority.high");
        Assert.Equal("Values of TicketPriority: LOW, NORMAL, HIGH, URGENT.", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_UnknownEnumMap_ListsTheKnownMaps()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"enumMap\": \"helpdesk.priority\"", "\"enumMap\": \"helpdesk.priorities\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "helpdesk.priorities"),
            "Unknown enum map 'helpdesk.priorities'.", "$.types.Ticket.fields.priority.enumMap");
        Assert.Contains("helpdesk.priority,", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_EnumMapDefinedTwice_ReportsTheSecondDefinition()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("bindings/zz-maps.json", """
                {
                  "enumMaps": {
                    "crm.segment": { "SMB": "SMB", "MidMarket": "MID_MARKET", "Enterprise": "ENTERPRISE" }
                  }
                }
                """);

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "bindings/zz-maps.json", 3,
            "Enum map 'crm.segment' is defined twice (also in bindings/enum-maps.json).", "$.enumMaps.crm.segment");
    }

    [Fact]
    public void TryCompile_EnumArgumentWithoutEnumMap_ReportsEnumMapNeeded()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"segment\": { \"parameter\": \"segment\", \"enumMap\": \"crm.segment\" }", "\"segment\": { \"parameter\": \"segment\" }");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(("bindings/query.json", sandbox.LineOf("bindings/query.json", "\"segment\"")), (diagnostic.File, diagnostic.Line));
        Assert.Contains("Argument 'segment' is of enum type Segment and needs an enumMap", diagnostic.Message, StringComparison.Ordinal);
    }
}
