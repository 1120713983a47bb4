using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Tests.Data;

public sealed class SampleDataDeterminismTests
{
    [Fact]
    public void Generate_SameSeed_GivesIdenticalData()
    {
        var first = SampleDataSet.Generate(42, 2_000);
        var second = SampleDataSet.Generate(42, 2_000);

        Assert.Equal(first.CrmCustomers, second.CrmCustomers);
        Assert.Equal(first.CrmContacts, second.CrmContacts);
        Assert.Equal(first.CrmDeals, second.CrmDeals);
        Assert.Equal(first.ErpAccounts, second.ErpAccounts);
        Assert.Equal(first.ErpInvoices, second.ErpInvoices);
        Assert.Equal(first.HelpdeskOrganizations, second.HelpdeskOrganizations);
        Assert.Equal(first.HelpdeskTickets, second.HelpdeskTickets);
        Assert.Equal(first.CommerceCustomers, second.CommerceCustomers);
        Assert.Equal(first.CommerceOrders, second.CommerceOrders);
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentData()
    {
        var first = SampleDataSet.Generate(42, 500);
        var second = SampleDataSet.Generate(43, 500);

        Assert.NotEqual(first.CrmCustomers, second.CrmCustomers);
        Assert.NotEqual(first.ErpAccounts, second.ErpAccounts);
        Assert.NotEqual(first.CommerceOrders, second.CommerceOrders);
    }

    [Fact]
    public async Task StartAsync_SameSeed_ServesTheSameCustomerAsAFreshGeneration()
    {
        await using var systems = await TestSystems.StartAsync(o => o.CustomerCount = 200);
        var expected = SampleDataSet.Generate(42, 200).CrmCustomers[0];

        var (status, body) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Name, body.GetProperty("name").GetString());
        Assert.Equal(expected.PrimaryEmail, body.GetProperty("primaryEmail").GetString());
        Assert.Equal(expected, systems.Data.CrmCustomers[0]);
    }
}
