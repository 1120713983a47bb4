using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// Behaviour the config compiler should have and, when these tests were written, did not: each test
/// fails until the defect it names is fixed in src/ (Configuration/ or Schema/).
/// </summary>
public sealed class CompilerDefectTests
{
    private const string Customer = "bindings/customer.json";

    [Fact]
    public void TryCompile_UnknownPropertyInsideAFieldBindingObject_PointsAtItsLineWithTheFullPath()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"key\": { \"path\": \"primaryEmail\"", "\"kee\": { \"path\": \"primaryEmail\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"kee\""),
            "The JSON property 'kee' could not be mapped", "$.types.Customer.fields.shopper.fetch.kee");
    }

    [Fact]
    public void TryCompile_NullWhereAnObjectIsExpected_ReportsAnErrorInsteadOfThrowing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"auth\": {\n    \"scheme\": \"basic\",\n    \"username\": { \"env\": \"CRMFED_ERP_USER\" },\n    \"password\": { \"env\": \"CRMFED_ERP_PASSWORD\" }\n  },",
                "\"auth\": null,");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.File == "sources/erp.json" && d.JsonPath.StartsWith("$.auth", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_SchemaExtensionRedefiningAField_ReportsAnErrorInsteadOfThrowing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("schema/extra.graphql", "extend type Customer {\n  name: String\n}\n");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.File.StartsWith("schema/", StringComparison.Ordinal)
            && d.Message.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_TypeDefinedInTwoSchemaFiles_ReportsAnErrorInsteadOfThrowing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("schema/extra.graphql", "type Address { street: String }\n");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.File.StartsWith("schema/", StringComparison.Ordinal)
            && d.Message.Contains("Address", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_ObjectTypeNamedSubscription_ReportsAnErrorInsteadOfThrowing()
    {
        // GraphQL.NET takes a type named Subscription for the subscription root and rejects its fields.
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("schema/extra.graphql", "type Subscription { id: ID! }\nextend type Customer { subscription: Subscription }\n")
            .Write("bindings/zz-subscription.json", "{ \"types\": { \"Subscription\": { \"fields\": { \"id\": \"id\" } } } }")
            .Replace(Customer, "\"shopper\": {", "\"subscription\": \"subscription\",\n        \"shopper\": {");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("Subscription", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_FetchFromAnEndpointThatTakesNoKey_IsAnError()
    {
        // customerPage has neither keyParameter nor {key}: the key would never be sent, and every item of the
        // first page would be attributed to the first key of the batch.
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"endpoint\": \"customersById\", \"key\": { \"argument\": \"id\" }", "\"endpoint\": \"customerPage\", \"key\": { \"argument\": \"id\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("bindings/query.json", sandbox.LineOf("bindings/query.json", "\"endpoint\": \"customerPage\", \"key\"")), (diagnostic.File, diagnostic.Line));
    }

    [Fact]
    public void TryCompile_PageFromAnEndpointThatTakesAKey_IsAnError()
    {
        // A page call sends no key: a per-key path has nothing for {key}, a batch endpoint gets an empty key list.
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"endpoint\": \"customerPage\"", "\"endpoint\": \"customersById\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("bindings/query.json", diagnostic.File);
    }

    [Fact]
    public void TryCompile_FilterArgumentOnAPageBinding_IsAnError()
    {
        // Page bindings only send parameters; a filter there compiles but is silently ignored at run time.
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"country\": { \"parameter\": \"country\", \"exactMatchOn\": \"country\" }", "\"country\": { \"filter\": \"country\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("bindings/query.json", sandbox.LineOf("bindings/query.json", "\"country\"")), (diagnostic.File, diagnostic.Line));
    }

    [Fact]
    public void TryCompile_FieldWithArgumentsBoundByPath_ReportsTheArgumentIsIgnored()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("schema/extra.graphql", "extend type Contact {\n  displayName(style: String): String\n}\n")
            .Replace(Customer, "\"title\": \"title\",", "\"title\": \"title\",\n        \"displayName\": \"firstName\",");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("style", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((Customer, sandbox.LineOf(Customer, "\"displayName\"")), (diagnostic.File, diagnostic.Line));
    }

    [Fact]
    public void TryCompile_EnumMapUsedTwiceWithAMissingValue_ReportsTheProblemOnce()
    {
        // erp.invoiceStatus is used by Invoice.status and by the status argument of Customer.invoices.
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/enum-maps.json", ", \"Overdue\": \"OVERDUE\"", "");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "bindings/enum-maps.json", sandbox.LineOf("bindings/enum-maps.json", "\"erp.invoiceStatus\""),
            "Enum value InvoiceStatus.OVERDUE has no mapping in 'erp.invoiceStatus'.");
    }

    [Fact]
    public void TryCompile_SourceWithErrors_ItsBindingsAreNotReportedAsUnknownSource()
    {
        // The missing password is the one problem; "Unknown source 'erp'. Did you mean 'crm'?" sends the admin the wrong way.
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (_, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_PASSWORD", null)));

        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("Unknown source 'erp'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.File == "sources/erp.json");
    }
}
