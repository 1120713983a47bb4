using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Per-key endpoints under a list cost one upstream call per row: a warning, not an error.</summary>
public sealed class PerRowCallWarningTests
{
    private const string Customer = "bindings/customer.json";

    [Fact]
    public void TryCompile_PerKeyEndpointReachedThroughAList_WarnsAboutNPlusOneAndStillCompiles()
    {
        using var sandbox = WithContactCustomerField();

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.NotNull(snapshot);
        var warning = DiagnosticAssert.Single(diagnostics, DiagnosticSeverity.Warning, Customer, sandbox.LineOf(Customer, "\"customerById\""),
            "'Contact.customer' is reached through a list but crm.customerById takes one key per call: one upstream call per parent row (N+1).",
            "$.types.Contact.fields.customer.fetch.endpoint");
        Assert.Equal("Use a batch endpoint (keyParameter) if the source has one.", warning.Hint);
        Assert.Equal(warning, Assert.Single(snapshot.Warnings));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void TryCompile_PerKeyEndpoint_SendsOneKeyPerCall()
    {
        using var sandbox = WithContactCustomerField();

        var (snapshot, _) = sandbox.Compile();

        var endpoint = snapshot!.Sources["crm"].Endpoints["customerById"];
        Assert.True(endpoint.IsPerKey);
        Assert.False(endpoint.IsBatched);
        Assert.Equal(1, endpoint.MaxBatchSize);
    }

    [Fact]
    public void TryCompile_PerKeyEndpointOnARootField_DoesNotWarn()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/crm.json", "\"endpoints\": {", "\"endpoints\": {\n    \"customerById\": { \"path\": \"/crm/v3/customers/{key}\" },")
            .Replace("bindings/query.json", "\"endpoint\": \"customersById\", \"key\": { \"argument\": \"id\" }", "\"endpoint\": \"customerById\", \"key\": { \"argument\": \"id\" }")
            .Replace("sources/crm.json", "\"updates\": \"customersById\"", "\"updates\": \"customerById\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot);
    }

    /// <summary>A new per-key CRM endpoint and <c>Contact.customer</c> bound to it; contacts are items of <c>Customer.contacts</c>.</summary>
    private static ConfigSandbox WithContactCustomerField() => ConfigSandbox.CopyOfSample()
        .Replace("sources/crm.json", "\"endpoints\": {", "\"endpoints\": {\n    \"customerById\": { \"path\": \"/crm/v3/customers/{key}\" },")
        .Write("schema/contact-customer.graphql", "extend type Contact {\n  customer: Customer\n}\n")
        .Replace(Customer, "\"title\": \"title\",", "\"title\": \"title\",\n        \"customer\": { \"fetch\": { \"source\": \"crm\", \"endpoint\": \"customerById\", \"key\": { \"path\": \"customerId\" } } },");
}
