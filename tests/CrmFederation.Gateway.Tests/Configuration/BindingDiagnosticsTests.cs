using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Diagnostics of <c>bindings/*.json</c> checked against the schema and the sources.</summary>
public sealed class BindingDiagnosticsTests
{
    private const string Customer = "bindings/customer.json";
    private const string Query = "bindings/query.json";

    [Fact]
    public void TryCompile_UnknownSource_SuggestsTheCloseName()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"source\": \"helpdesk\", \"endpoint\": \"organizationsByExternalId\"", "\"source\": \"helpdsk\", \"endpoint\": \"organizationsByExternalId\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "helpdsk"),
            "Unknown source 'helpdsk'.", "$.types.Customer.fields.support.fetch.source");
        Assert.Equal("Did you mean 'helpdesk'?", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_UnknownEndpoint_SuggestsTheCloseName()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"endpoint\": \"organizationsByExternalId\"", "\"endpoint\": \"organisationsByExternalId\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "organisationsByExternalId"),
            "Source 'helpdesk' has no endpoint 'organisationsByExternalId'.", "$.types.Customer.fields.support.fetch.endpoint");
        Assert.Equal("Did you mean 'organizationsByExternalId'?", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_UnknownType_ReportsItAndTheTypeLeftUnbound()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"Ticket\": {", "\"Tickets\": {");

        var (_, diagnostics) = sandbox.Compile();

        var unknown = DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "\"Tickets\""),
            "Unknown type 'Tickets'", "$.types.Tickets");
        Assert.Equal("Did you mean 'Ticket'?", unknown.Hint);
        DiagnosticAssert.Error(diagnostics, "bindings/", null, "Type 'Ticket' has no bindings", "$.types.Ticket");
    }

    [Fact]
    public void TryCompile_UnknownField_SuggestsTheCloseName()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"subject\": \"subject\",", "\"subject\": \"subject\",\n        \"subjet\": \"subject\",");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "\"subjet\""),
            "Unknown field 'Ticket.subjet'.", "$.types.Ticket.fields.subjet");
        Assert.Equal("Did you mean 'subject'?", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_FieldWithoutBinding_ReportsItAtTheTypesFields()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"subject\": \"subject\",", "");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "\"Ticket\"") + 1,
            "Field 'Ticket.subject' has no binding.", "$.types.Ticket.fields");
        Assert.Single(diagnostics);
    }

    [Fact]
    public void TryCompile_KeyArgumentThatDoesNotExist_ReportsTheArgument()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"key\": { \"argument\": \"id\" }", "\"key\": { \"argument\": \"customerId\" }");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "bindings/query.json", sandbox.LineOf("bindings/query.json", "customerId"),
            "Field 'Query.customer' has no argument 'customerId'.", "$.types.Query.fields.customer.fetch.key.argument");
        Assert.Equal("Did you mean 'id'?", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_ViaFieldThatDoesNotExist_ReportsTheField()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"via\": \"billing\"", "\"via\": \"billingAccount\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "billingAccount"),
            "'billingAccount' is not a field of Customer.", "$.types.Customer.fields.invoices.fetch.key.via");
        Assert.Equal("Did you mean 'billing'?", diagnostic.Hint);
        Assert.Single(diagnostics);
    }

    [Fact]
    public void TryCompile_ViaFieldThatIsNotAFetch_ReportsItCannotBeJoinedThrough()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"via\": \"billing\"", "\"via\": \"name\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"via\": \"name\""),
            "'Customer.name' must be a single-item fetch keyed by a path of the parent", "$.types.Customer.fields.invoices.fetch.key.via");
    }

    [Fact]
    public void TryCompile_NonNullFieldBoundToFetch_ReportsTheFieldMustBeNullable()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("schema/unified-schema.graphql", "billing: BillingAccount ", "billing: BillingAccount!");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"endpoint\": \"accountsByCrmRef\""),
            "Non-null field 'Customer.billing' is bound to a fetch", "$.types.Customer.fields.billing.fetch");
    }

    [Fact]
    public void TryCompile_NonNullFieldBoundToNestedPath_ReportsTheNestedPath()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"name\": \"name\"", "\"name\": \"profile.name\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "profile.name"),
            "Non-null field 'SupportOrganization.name' is bound to the nested path 'profile.name'", "$.types.SupportOrganization.fields.name");
    }

    [Fact]
    public void TryCompile_NullableFieldBoundToNestedPath_Compiles()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/billing.json", "\"street\": \"Street\"", "\"street\": \"Lines.First\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot);
    }

    [Fact]
    public void TryCompile_ArgumentNotBound_ReportsItWouldBeIgnored()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, ",\n          \"arguments\": { \"stage\": { \"filter\": \"stage\", \"enumMap\": \"crm.dealStage\" } }", "");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"deals\""),
            "Argument 'deals(stage:)' is not bound, so it would be silently ignored.", "$.types.Customer.fields.deals");
        Assert.Contains("\"arguments\"", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownCoercion_ListsTheKnownOnes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/billing.json", "{ \"path\": \"IssueDate\", \"coerce\": \"date\" }", "{ \"path\": \"IssueDate\", \"coerce\": \"day\" }");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "bindings/billing.json", sandbox.LineOf("bindings/billing.json", "\"day\""),
            "Unknown coercion 'day'.", "$.types.Invoice.fields.issueDate.coerce");
        Assert.Equal("Use one of: string, int, float, boolean, decimal, date, dateTime.", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_CoercionThatDoesNotProduceTheFieldType_NamesTheRightOne()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/billing.json", "{ \"path\": \"IssueDate\", \"coerce\": \"date\" }", "{ \"path\": \"IssueDate\", \"coerce\": \"dateTime\" }");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "bindings/billing.json", sandbox.LineOf("bindings/billing.json", "IssueDate"),
            "Coercion 'dateTime' does not produce a Date.", "$.types.Invoice.fields.issueDate.coerce");
        Assert.Equal("For Date use 'date'.", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_UnknownKeyTransform_ReportsTheKnownOnes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"transform\": \"lowercase\"", "\"transform\": \"lower\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"transform\""),
            "Unknown key transform 'lower'.", "$.types.Customer.fields.shopper.fetch.key.transform");
        Assert.Equal("Use \"lowercase\" or \"uppercase\".", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_TypeBoundInTwoFiles_ReportsTheSecondFileAndNamesTheFirst()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("bindings/zz-address.json", """
                {
                  "types": {
                    "Address": { "fields": { "street": "Street", "city": "City", "postalCode": "PostalCode", "country": "Country" } }
                  }
                }
                """);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "bindings/zz-address.json", 3,
            "Type 'Address' is bound twice (also in bindings/billing.json).", "$.types.Address");
    }

    [Fact]
    public void TryCompile_EnumFieldWithoutEnumMap_ReportsEnumMapMissing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "{ \"path\": \"priority\", \"enumMap\": \"helpdesk.priority\" }", "\"priority\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "bindings/support.json", sandbox.LineOf("bindings/support.json", "\"priority\""),
            "Field of enum type TicketPriority has no enumMap", "$.types.Ticket.fields.priority");
    }

    [Fact]
    public void TryCompile_TwoBindingKinds_ReportsExactlyOneIsNeeded()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/support.json", "\"subject\": \"subject\"", "\"subject\": { \"path\": \"subject\", \"object\": { } }");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("bindings/support.json", sandbox.LineOf("bindings/support.json", "\"subject\"")), (diagnostic.File, diagnostic.Line));
        Assert.Contains("must be bound by exactly one of path, object, fetch or page; it has 2", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_ListFieldOnSingleItemEndpoint_ReportsManyIsNeeded()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"endpoint\": \"contactsByCustomer\"", "\"endpoint\": \"customersById\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"endpoint\": \"customersById\""),
            "List field 'Customer.contacts' is bound to crm.customersById, which answers one item per key.", "$.types.Customer.fields.contacts.fetch.endpoint");
    }

    [Fact]
    public void TryCompile_MaxKeysOnASingleKey_IsRefused()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Query, "\"key\": { \"argument\": \"id\" }", "\"key\": { \"argument\": \"id\", \"maxKeys\": 5 }");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Query, sandbox.LineOf(Query, "\"maxKeys\": 5"),
            "maxKeys bounds a list argument key; this key is a single value.", "$.types.Query.fields.customer.fetch.key.maxKeys");
    }

    [Fact]
    public void TryCompile_MaxKeysOutOfRange_ReportsTheRange()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(Query, "\"maxKeys\": 100", "\"maxKeys\": 0");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, Query, sandbox.LineOf(Query, "\"maxKeys\": 0"),
            "0 is out of range.", "$.types.Query.fields.customersByIds.fetch.key.maxKeys");
        Assert.Equal("Use a value from 1 to 100000 (default 100).", diagnostic.Hint);
    }

    [Theory]
    [InlineData("\"parameter\": \"segment\", \"enumMap\": \"crm.segment\"", "\"parameter\": \"segment\", \"enumMap\": \"crm.segment\", \"pageSize\": true", "segment.pageSize", "pageSize marks the one Int argument")]
    [InlineData("\"parameter\": \"limit\", \"min\": 1, \"max\": 100, \"pageSize\": true", "\"parameter\": \"limit\", \"min\": 1, \"max\": 100, \"pageSize\": true, \"cursor\": true", "first.cursor", "cursor marks a String argument")]
    public void TryCompile_PageSizeOrCursorOnTheWrongArgument_IsRefused(string oldText, string newText, string at, string message)
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(Query, oldText, newText);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.JsonPath.StartsWith("$.types.Query.fields.customers.page.arguments." + at, StringComparison.Ordinal)
            && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_CursorOnAFieldThatIsNoString_IsRefused()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Query, "\"totalCount\": \"total\"", "\"totalCount\": { \"path\": \"total\", \"cursor\": true }");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Single(diagnostics, DiagnosticSeverity.Error, Query, sandbox.LineOf(Query, "\"totalCount\""),
            "A cursor is a String; 'CustomerConnection.totalCount' is of type Int", "$.types.CustomerConnection.fields.totalCount.cursor");
    }

    [Fact]
    public void TryCompile_UnknownSourceAndUnknownEnumMapInOneBinding_ReportsBoth()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"source\": \"erp\", \"endpoint\": \"invoicesByAccount\"", "\"source\": \"epr\", \"endpoint\": \"invoicesByAccount\"")
            .Replace(Customer, "\"enumMap\": \"erp.invoiceStatus\"", "\"enumMap\": \"erp.invoiceStatuses\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"epr\""), "Unknown source 'epr'.", "$.types.Customer.fields.invoices.fetch.source");
        Assert.Contains(diagnostics, d => d.File == Customer && d.JsonPath == "$.types.Customer.fields.invoices.arguments.status.enumMap"
            && d.Message.Contains("erp.invoiceStatuses", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_UnknownEndpointOnANonNullField_ReportsBothProblems()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("schema/unified-schema.graphql", "billing: BillingAccount ", "billing: BillingAccount!")
            .Replace(Customer, "\"endpoint\": \"accountsByCrmRef\"", "\"endpoint\": \"accountsByCrmRefs\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "accountsByCrmRefs"),
            "Source 'erp' has no endpoint 'accountsByCrmRefs'.", "$.types.Customer.fields.billing.fetch.endpoint");
        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "accountsByCrmRefs"),
            "Non-null field 'Customer.billing' is bound to a fetch", "$.types.Customer.fields.billing.fetch");
    }

    [Fact]
    public void TryCompile_JoinThroughAFieldWithErrors_TheJoinsErrorSaysItIsAKnockOn()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Customer, "\"endpoint\": \"accountsByCrmRef\"", "\"endpoint\": \"accountsByCrmRefs\"");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "accountsByCrmRefs"),
            "Source 'erp' has no endpoint 'accountsByCrmRefs'.", "$.types.Customer.fields.billing.fetch.endpoint");
        var knockOn = DiagnosticAssert.Error(diagnostics, Customer, sandbox.LineOf(Customer, "\"via\": \"billing\""),
            "'Customer.invoices' joins through 'Customer.billing', whose binding has errors of its own (reported with it): a knock-on error.",
            "$.types.Customer.fields.invoices.fetch.key.via");
        Assert.Equal("Fix the errors of 'Customer.billing' first; this one then goes away.", knockOn.Hint);
        Assert.Equal(2, diagnostics.Count);
    }
}
