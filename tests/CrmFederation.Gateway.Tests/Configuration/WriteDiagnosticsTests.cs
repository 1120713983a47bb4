using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Diagnostics of writes: the mutations of the bindings files and the sources' write endpoints, each an error at its line with a hint.</summary>
public sealed class WriteDiagnosticsTests
{
    private const string Mutations = "bindings/mutation.json";

    [Fact]
    public void TryCompile_SampleWrites_MutationInTheSchema_WriteEndpointsCompiled()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot!.Schema.Mutation?.GetField("updateCustomer"));
        Assert.True(snapshot.Sources["crm"].Writes["updateCustomer"].Idempotent);
        Assert.False(snapshot.Sources["erp"].Writes["updateAccount"].Idempotent);
        Assert.Same(snapshot.Sources["erp"].Endpoints["accountsByCrmRef"], snapshot.Sources["erp"].Writes["updateAccount"].Updates);
    }

    [Fact]
    public void TryCompile_UnknownWriteScope_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(Mutations, "\"scope\": \"write:billing\", \"oneOf\"", "\"scope\": \"write:biling\", \"oneOf\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, Mutations, sandbox.LineOf(Mutations, "write:biling"), "Unknown scope 'write:biling'.", "$.mutations.updateCustomer.fields.paymentTerms.scope");
    }

    [Fact]
    public void TryCompile_WriteUpdatesUnknownEndpoint_ErrorAtItsLineWithSuggestion()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("sources/erp.json", "\"updates\": \"accountsByCrmRef\"", "\"updates\": \"accountByCrmRef\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var error = DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"accountByCrmRef\""), "'accountByCrmRef' is not a read endpoint of source 'erp'.");
        Assert.Contains("accountsByCrmRef", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_InputFieldWithoutWriteBinding_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(Mutations, "\"ownerEmail\": { \"field\": \"ownerEmail\", \"scope\": \"write:contact\", \"format\": \"email\", \"maxLength\": 254 },\n", "");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, Mutations, sandbox.LineOf(Mutations, "\"fields\""), "Input field 'ownerEmail' has no write binding");
    }

    [Fact]
    public void TryCompile_FieldPathLeadingNowhere_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(Mutations, "\"field\": \"billing.paymentTerms\"", "\"field\": \"billin.paymentTerms\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, Mutations, sandbox.LineOf(Mutations, "billin.paymentTerms"), "'billin.paymentTerms' does not lead to a field of Customer");
    }

    [Fact]
    public void TryCompile_EnumFieldWrittenFromAString_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(Mutations, "\"field\": \"billing.paymentTerms\"", "\"field\": \"billing.creditStatus\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, Mutations, sandbox.LineOf(Mutations, "billing.creditStatus"), "input field 'paymentTerms' (String) can write");
    }
}
