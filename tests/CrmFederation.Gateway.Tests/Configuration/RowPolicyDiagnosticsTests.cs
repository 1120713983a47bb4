using System.Security.Claims;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Row policies of access.json and the exactMatchOn declarations of page arguments, checked against the bindings.</summary>
public sealed class RowPolicyDiagnosticsTests
{
    private const string RegionalPredicate = "{ \"field\": \"country\", \"inClaim\": \"countries\" }";

    [Fact]
    public void TryCompile_SampleRowPolicies_RestrictCustomersAndLetTheCustomerListPushCountryDown()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        var customer = snapshot!.Root.Binding.Fields["customer"];
        var rows = Assert.IsType<FetchFieldBinding>(customer).Result.Rows!;
        Assert.Equal(["account-rep", "regional-agent"], rows.Restricted.Keys.Order(StringComparer.Ordinal));
        Assert.Null(rows.For(new ClaimsPrincipal(new ClaimsIdentity([new Claim(CallerClaims.Role, "admin")], "test"))));
        Assert.Empty(rows.For(null)!.Branches);
        var page = Assert.IsType<PageFieldBinding>(snapshot.Root.Binding.Fields["customers"]).Rows!;
        Assert.Equal("country", Assert.Single(page.ExactMatches).Key);
        Assert.Equal(("results", "paging.next.after", "total", 100), (page.Items.Text, page.Cursor.Text, page.Total?.Text, page.ScanPageSize));
    }

    [Fact]
    public void TryCompile_UnknownType_ErrorAtItsLineWithDidYouMean()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("access.json", $"\"Customer\": {{ \"all\": [ {RegionalPredicate}", $"\"Custommer\": {{ \"all\": [ {RegionalPredicate}");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"Custommer\""),
            "Role 'regional-agent' restricts the rows of 'Custommer', which is no object type with bindings of its own.", "$.roles.regional-agent.rows.Custommer");
        Assert.Equal("Did you mean 'Customer'?", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_UnknownField_ErrorAtThePredicatesLineWithDidYouMean()
    {
        using var sandbox = OnOwnLines().Replace("access.json", "\"field\": \"country\"", "\"field\": \"contry\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"contry\""),
            "Unknown field 'Customer.contry'.", "$.roles.regional-agent.rows.Customer.all[0].field");
        Assert.Equal("Did you mean 'country'?", diagnostic.Hint);
    }

    [Theory]
    [InlineData("billing", "Field 'Customer.billing' is fetched from erp.accountsByCrmRef;")]
    [InlineData("createdAt", "Field 'Customer.createdAt' is a DateTime value;")]
    [InlineData("deals", "Field 'Customer.deals' is fetched from crm.dealsByCustomer;")]
    public void TryCompile_FieldThatIsNoScalarOfTheRow_Error(string field, string message)
    {
        using var sandbox = OnOwnLines().Replace("access.json", "\"field\": \"country\"", $"\"field\": \"{field}\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("a String, ID or enum field read by path from the row's own item", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(("access.json", sandbox.LineOf("access.json", $"\"{field}\"")), (diagnostic.File, diagnostic.Line));
    }

    [Fact]
    public void TryCompile_UnknownOperator_ErrorAtItsLineWithDidYouMeanAndTheRestOfTheFileStillChecked()
    {
        using var sandbox = OnOwnLines()
            .Replace("access.json", "\"inClaim\": \"countries\"", "\"inClaims\": \"countries\"")
            .Replace("access.json", "\"field\": \"ownerEmail\"", "\"field\": \"ownerMail\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"inClaims\""),
            "Unknown operator 'inClaims'.", "$.roles.regional-agent.rows.Customer.all[0].inClaims");
        Assert.StartsWith("Did you mean 'inClaim'?", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains(diagnostics, d => d.Message == "Unknown field 'Customer.ownerMail'.");
        Assert.Equal(2, diagnostics.Count);
    }

    [Theory]
    [InlineData("{ \"field\": \"country\" }")]
    [InlineData("{ \"field\": \"country\", \"inClaim\": \"countries\", \"equalsClaim\": \"country\" }")]
    public void TryCompile_PredicateWithoutExactlyOneOperator_Error(string predicate)
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("access.json", RegionalPredicate, predicate);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", predicate),
            "A row predicate needs exactly one operator: inClaim or equalsClaim.", "$.roles.regional-agent.rows.Customer.all[0]");
    }

    [Fact]
    public void TryCompile_EmptyAll_ErrorBecauseItRestrictsNothing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("access.json", $"[ {RegionalPredicate} ]", "[]");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"all\": []"),
            "restricts the rows of Customer with no predicate", "$.roles.regional-agent.rows.Customer.all");
    }

    [Fact]
    public void TryCompile_RestrictedListTheGatewayCannotPage_ErrorSayingWhatIsMissing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"first\": { \"parameter\": \"limit\", \"min\": 1, \"max\": 100, \"pageSize\": true }", "\"first\": { \"parameter\": \"limit\", \"min\": 1, \"pageSize\": true }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Equal(2, diagnostics.Count);
        var diagnostic = Assert.Single(diagnostics, d => d.File == "access.json");
        Assert.Contains("which Query.customers lists, but the gateway cannot read that list page by page to filter it: its argument 'first' is not bound to a parameter with a max",
            diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(diagnostics, d => d.Message.StartsWith("Query.customers takes where or order, but the gateway cannot read its list page by page", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"country\", \"exactMatchOn\": \"contry\"", "Unknown field 'Customer.contry'.")]
    [InlineData("\"country\", \"exactMatchOn\": \"billing\"", "Field 'Customer.billing' is fetched from erp.accountsByCrmRef; exactMatchOn needs a String, ID or enum field")]
    [InlineData("\"country\", \"exactMatchOn\": \"segment\"", "Argument 'customers(country:)' is String, which cannot match Customer.segment (Segment) exactly.")]
    public void TryCompile_ExactMatchOnThatCannotHold_ErrorAtTheArgument(string binding, string message)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/query.json", "\"country\", \"exactMatchOn\": \"country\"", binding);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(("bindings/query.json", sandbox.LineOf("bindings/query.json", "exactMatchOn")), (diagnostic.File, diagnostic.Line));
        Assert.Equal("$.types.Query.fields.customers.page.arguments.country.exactMatchOn", diagnostic.JsonPath);
    }

    [Fact]
    public void TryCompile_ExactMatchOnAFetchArgument_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("bindings/customer.json", "\"stage\": { \"filter\": \"stage\", \"enumMap\": \"crm.dealStage\" }",
                "\"stage\": { \"filter\": \"stage\", \"enumMap\": \"crm.dealStage\", \"exactMatchOn\": \"stage\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "bindings/customer.json", sandbox.LineOf("bindings/customer.json", "exactMatchOn"),
            "exactMatchOn describes a page argument", "$.types.Customer.fields.deals.arguments.stage.exactMatchOn");
    }

    /// <summary>The sample access.json with each row predicate's properties on lines of their own.</summary>
    private static ConfigSandbox OnOwnLines() => ConfigSandbox.CopyOfSample()
        .Replace("access.json", RegionalPredicate, "{\n            \"field\": \"country\",\n            \"inClaim\": \"countries\"\n          }")
        .Replace("access.json", "{ \"field\": \"ownerEmail\", \"equalsClaim\": \"email\", \"ignoreCase\": true }",
            "{\n            \"field\": \"ownerEmail\",\n            \"equalsClaim\": \"email\",\n            \"ignoreCase\": true\n          }");
}
