using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// Diagnostics of <c>policies.json</c>: unknown types, fields and scopes, policies on non-null fields, the
/// personal-data subject; each an error at its line with a hint.
/// </summary>
public sealed class PolicyDiagnosticsTests
{
    private const string File = "policies.json";

    [Fact]
    public void TryCompile_SamplePolicies_GuardTheDeclaredFieldsAndTheFieldsReturningGuardedTypes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        var fields = snapshot!.Policy.Fields;
        Assert.Equal(["finance"], fields["Customer.billing"].RequiredScopes);
        Assert.Equal(["customers"], fields["Query.customer"].RequiredScopes);
        Assert.Equal(["customers"], fields["CustomerConnection.nodes"].RequiredScopes);
        Assert.Equal(["commerce", "pii"], fields["Customer.shopper"].RequiredScopes);
        Assert.True(fields["Customer.contacts"] is { IsNonNullList: true, IsPersonal: false, RequiredScopes: ["pii"] });
        Assert.True(fields["Shopper.email"] is { IsPersonal: true, RequiredScopes: [] });
        Assert.True(fields["Contact.email"].IsPersonal);
        Assert.False(fields.ContainsKey("Customer.name"));
        Assert.Equal("Customer", snapshot.Policy.Subject!.TypeName);
    }

    [Fact]
    public void TryCompile_NoPoliciesFile_EveryFieldOpen()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();
        System.IO.File.Delete(Path.Combine(sandbox.Directory, File));

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.Empty(snapshot!.Policy.Fields);
        Assert.Null(snapshot.Policy.Subject);
    }

    [Fact]
    public void TryCompile_UnknownType_ErrorAtItsLineWithSuggestion()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Contact\": [\"pii\"]", "\"Contatc\": [\"pii\"]");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var error = DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Contatc\""), "Unknown type 'Contatc'", "$.fields.Contatc");
        Assert.Equal("Did you mean 'Contact'?", error.Hint);
    }

    [Fact]
    public void TryCompile_UnknownField_ErrorAtItsLineWithSuggestion()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Customer.phone\": [", "\"Customer.phon\": [");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var error = DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Customer.phon\""), "Unknown field 'Customer.phon'.");
        Assert.Contains("'phone'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownScope_ErrorAtItsLineListingTheKnownScopes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Customer.billing\": [\"finance\"]", "\"Customer.billing\": [\"finace\"]");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var error = DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"finace\""), "Unknown scope 'finace'.", "$.fields.Customer.billing[0]");
        Assert.Contains("finance", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownIntrospectionScope_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"introspection\": [\"developer\"]", "\"introspection\": [\"developers\"]");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"developers\""), "Unknown scope 'developers'.", "$.introspection[0]");
    }

    [Fact]
    public void TryCompile_PolicyOnANonNullField_ErrorNamingTheParentFieldsInstead()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Customer.phone\": [\"pii\"],", "\"Customer.phone\": [\"pii\"], \"Customer.name\": [\"pii\"],");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var error = DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Customer.name\""), "'Customer.name' is non-null (String!)", "$.fields.Customer.name");
        Assert.Contains("Query.customer", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_TypePolicyReachingANonNullField_ErrorNamingThatField()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Contact\": [\"pii\"],", "\"Contact\": [\"pii\"], \"BillingAccount\": [\"finance\"], \"Money\": [\"finance\"],");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Money\""), "applies to 'Deal.amount', which is non-null (Money!)", "$.fields.Money");
        Assert.DoesNotContain(diagnostics, d => d.JsonPath == "$.fields.BillingAccount");
    }

    [Fact]
    public void TryCompile_EmptyScopeList_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Customer.orders\": [\"commerce\"]", "\"Customer.orders\": []");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Customer.orders\""), "The policy on 'Customer.orders' names no scope.");
    }

    [Fact]
    public void TryCompile_TypeNoFieldReturns_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Contact\": [\"pii\"],", "\"Contact\": [\"pii\"], \"Query\": [\"customers\"],");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Query\""), "No field returns 'Query'");
    }

    [Theory]
    [InlineData("\"Customer.contacts\"", "The subject 'Customer.contacts' is not a field holding one scalar value.")]
    [InlineData("\"Customer.iid\"", "Unknown field 'Customer.iid'.")]
    public void TryCompile_BadSubject_ErrorAtItsLine(string subject, string message)
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"subject\": \"Customer.id\"", $"\"subject\": {subject}");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, subject), message, "$.personal.subject");
    }

    /// <summary>Array elements have no line of their own in the index: the error points at the list.</summary>
    [Fact]
    public void TryCompile_UnknownPersonalField_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"Contact.firstName\"", "\"Contact.firstname\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var error = DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"Contact.firstname\""), "Unknown field 'Contact.firstname'.", "$.personal.fields[3]");
        Assert.Contains("'firstName'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownProperty_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "\"errorDetails\":", "\"errorDetail\":");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.File == File && d.Line == sandbox.LineOf(File, "\"errorDetail\"") && d.Severity == DiagnosticSeverity.Error);
    }
}
