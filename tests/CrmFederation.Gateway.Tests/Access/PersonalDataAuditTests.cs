using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Tests.EndToEnd;
using CrmFederation.Gateway.Tests.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// The audit of personal data: one record per request that returned a personal field, in its own log
/// category, naming the caller, the operation, the document hash, the personal fields and the customers
/// they belong to, and holding none of the values.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class PersonalDataAuditTests(ObservedSystemsFixture fixture) : IAsyncLifetime
{
    private const int PageSize = 20;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Customer360_Agent_OneRecordWithCallerOperationFieldsAndCustomerIds()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        var result = await QueryAsync(gateway, DemoApiKeys.Agent, Customer360Queries.Customer360, new { first = PageSize });

        var record = Assert.Single(AuditRecords(gateway));
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("demo-agent", record.Values["Client"]);
        Assert.Equal("Customer360", record.Values["OperationName"]);
        Assert.Equal(TelemetryServiceCollectionExtensions.DocumentHash(Customer360Queries.Customer360), record.Values["DocumentHash"]);
        Assert.Equal("Customer", record.Values["SubjectType"]);
        Assert.Equal(
            ["Contact.email", "Contact.firstName", "Contact.lastName", "Customer.primaryEmail", "Shopper.email"],
            List(record, "Fields"));
        Assert.Equal(NodeIds(result).Order(StringComparer.Ordinal), List(record, "SubjectIds"));
    }

    [Fact]
    public async Task Customer360_Agent_RecordHoldsNoPersonalValue()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        var result = await QueryAsync(gateway, DemoApiKeys.Agent, Customer360Queries.Customer360, new { first = PageSize });

        var values = PersonalValues(NodeIds(result));
        Assert.Contains(values, value => value.Contains('@', StringComparison.Ordinal));
        var record = Assert.Single(AuditRecords(gateway));
        var texts = record.Texts.Concat(record.Values.Values.OfType<string>()).ToList();
        var leaks = values.Where(value => texts.Any(text => text.Contains(value, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "The audit record holds: " + string.Join(", ", leaks));
    }

    [Fact]
    public async Task ContactEmailsOnly_RecordNamesTheCustomerTheContactsBelongTo()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);
        var customer = fixture.CustomerInAllFourSystems();

        await QueryAsync(gateway, DemoApiKeys.Admin, "query($id: ID!) { customer(id: $id) { contacts { email } } }", new { id = customer.Id });

        var record = Assert.Single(AuditRecords(gateway));
        Assert.Equal(["Contact.email"], List(record, "Fields"));
        Assert.Equal([customer.Id], List(record, "SubjectIds"));
        Assert.Equal("demo-admin", record.Values["Client"]);
    }

    [Fact]
    public async Task Customer360_Analyst_NoPersonalFieldReturnedSoNoRecord()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        await QueryAsync(gateway, DemoApiKeys.Analyst, Customer360Queries.Customer360, new { first = PageSize });

        Assert.Empty(AuditRecords(gateway));
    }

    [Fact]
    public async Task QueryWithoutPersonalFields_NoRecord()
    {
        await using var gateway = ObservedGateway.Over(fixture.Systems, cacheEnabled: false);

        await QueryAsync(gateway, DemoApiKeys.Admin, "{ customers(first: 5) { nodes { id name billing { accountNumber } } } }", null);

        Assert.Empty(AuditRecords(gateway));
    }

    private static async Task<JsonElement> QueryAsync(ObservedGateway gateway, string apiKey, string query, object? variables)
    {
        using var http = DemoCallers.Authenticate(gateway.CreateClient(), apiKey);
        return (await gateway.QueryAsync(query, variables, http)).Response;
    }

    /// <summary>A list the record carries: a list attribute, or JSON array text where the logging generator flattens lists.</summary>
    private static string[] List(CapturedLog record, string name) => record.Values[name] switch
    {
        string text => JsonSerializer.Deserialize<string[]>(text)!,
        IEnumerable<string> items => [.. items],
        var other => throw new Xunit.Sdk.XunitException($"{name} is neither a list nor JSON text: {other?.GetType()}"),
    };

    // The audit category also records config changes (the admin API's history); these tests are about personal-data reads.
    private static List<CapturedLog> AuditRecords(ObservedGateway gateway) =>
        gateway.Logs.Entries.Where(log => log.Category == PersonalDataAudit.Category && log.Message.StartsWith("Personal data returned", StringComparison.Ordinal)).ToList();

    private static List<string> NodeIds(JsonElement result) =>
        result.GetProperty("data").GetProperty("customers").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();

    /// <summary>Every personal value the sample systems hold for these customers: e-mails, phones, contact names, shoppers' e-mails.</summary>
    private List<string> PersonalValues(IReadOnlyList<string> customerIds)
    {
        var data = fixture.Data;
        var customers = data.CrmCustomers.Where(c => customerIds.Contains(c.Id)).ToList();
        var contacts = data.CrmContacts.Where(c => customerIds.Contains(c.CustomerId)).ToList();
        return customers.SelectMany(c => new[] { c.PrimaryEmail, c.Phone, c.OwnerEmail })
            .Concat(contacts.SelectMany(c => new[] { c.Email, c.Phone, $"{c.FirstName} {c.LastName}", c.FirstName, c.LastName }))
            .Concat(data.CommerceCustomers.Where(s => customers.Any(c => string.Equals(c.PrimaryEmail, s.Email, StringComparison.OrdinalIgnoreCase))).Select(s => s.Email))
            .OfType<string>()
            .Where(value => value.Length > 3)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
