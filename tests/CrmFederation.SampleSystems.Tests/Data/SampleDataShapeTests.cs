using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Tests.Data;

/// <summary>The generated data has the contract's volumes, formats and awkward parts (10,000 customers, seed 42).</summary>
public sealed class SampleDataShapeTests
{
    private static readonly Lazy<SampleDataSet> Full = new(() => SampleDataSet.Generate(42, 10_000));

    private static SampleDataSet Data => Full.Value;

    [Fact]
    public void Generate_Volumes_MatchTheContract()
    {
        var customers = (double)Data.CrmCustomers.Count;

        Assert.Equal(10_000, Data.CrmCustomers.Count);
        Assert.InRange(Data.CrmContacts.Count / customers, 2.8, 3.2);
        Assert.InRange(Data.CrmDeals.Count / customers, 1.8, 2.2);
        Assert.InRange(Data.ErpAccounts.Count / customers, 0.87, 0.93);
        Assert.InRange(Data.ErpInvoices.Count / (double)Data.ErpAccounts.Count, 7.5, 8.5);
        Assert.InRange(Data.HelpdeskOrganizations.Count / customers, 0.67, 0.73);
        Assert.InRange(Data.CommerceCustomers.Count / customers, 0.46, 0.52);
        Assert.InRange(Data.CommerceOrders.Count / (double)Data.CommerceCustomers.Count, 5.5, 6.5);
    }

    [Fact]
    public void Generate_Helpdesk_HasFiveBusyOrganizationsSpreadOverTheIdRange()
    {
        var ticketsPerOrganization = Data.HelpdeskTickets.GroupBy(t => t.OrganizationId).ToDictionary(g => g.Key, g => g.ToList());
        var busy = Data.HelpdeskOrganizations.Where(o => ticketsPerOrganization.GetValueOrDefault(o.Id)?.Count > 100).ToList();
        var usual = Data.HelpdeskOrganizations.Except(busy).Sum(o => ticketsPerOrganization.GetValueOrDefault(o.Id)?.Count ?? 0);

        Assert.Equal(5, busy.Count);
        Assert.All(busy, o => Assert.InRange(ticketsPerOrganization[o.Id].Count, 120, 250));
        Assert.All(busy, o => Assert.True(ticketsPerOrganization[o.Id].Count(t => t.Status is "solved" or "closed") > ticketsPerOrganization[o.Id].Count * 0.7));
        var positions = busy.Select(o => int.Parse(o.ExternalId[2..]) / 1_000).ToArray();
        Assert.Equal([1, 3, 5, 7, 9], positions);
        Assert.InRange(usual / (double)(Data.HelpdeskOrganizations.Count - 5), 4.5, 5.5);
    }

    [Fact]
    public void Generate_Ids_FollowTheContractFormats()
    {
        Assert.Equal("C-000001", Data.CrmCustomers[0].Id);
        Assert.Equal("C-010000", Data.CrmCustomers[^1].Id);
        Assert.All(Data.CrmContacts, c => Assert.Matches("^CT-[0-9]{6}$", c.Id));
        Assert.All(Data.CrmDeals, d => Assert.Matches("^D-[0-9]{6}$", d.Id));
        Assert.Equal("100001", Data.ErpAccounts[0].AccountNo);
        Assert.All(Data.ErpAccounts, a => Assert.Matches("^[0-9]+$", a.AccountNo));
        Assert.All(Data.ErpInvoices, i => Assert.Matches("^INV-20[0-9]{2}-[0-9]{6}$", i.InvoiceNo));
        Assert.Equal(9_000_001, Data.HelpdeskOrganizations[0].Id);
        Assert.Equal(7_000_001, Data.CommerceCustomers[0].Id);
        Assert.Equal("#1001", Data.CommerceOrders[0].Name);
        Assert.Equal(Data.CrmCustomers.Count, Data.CrmCustomers.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Generate_CrossSystemKeys_PointAtCrmCustomers()
    {
        var crmIds = Data.CrmCustomers.Select(c => c.Id).ToHashSet();

        Assert.All(Data.ErpAccounts, a => Assert.Contains(a.CrmRef, crmIds));
        Assert.All(Data.HelpdeskOrganizations, o => Assert.Contains(o.ExternalId, crmIds));
        Assert.Equal(Data.ErpAccounts.Count, Data.ErpAccounts.Select(a => a.CrmRef).Distinct().Count());
        Assert.Equal(Data.HelpdeskOrganizations.Count, Data.HelpdeskOrganizations.Select(o => o.ExternalId).Distinct().Count());
    }

    [Fact]
    public void Generate_CommerceEmails_AreLowerCaseCrmEmailsAndAboutAThirdDifferInCase()
    {
        var crmEmails = Data.CrmCustomers.Where(c => c.PrimaryEmail is not null)
            .ToDictionary(c => c.PrimaryEmail!.ToLowerInvariant(), c => c.PrimaryEmail!);

        Assert.All(Data.CommerceCustomers, c => Assert.Equal(c.Email.ToLowerInvariant(), c.Email));
        Assert.All(Data.CommerceCustomers, c => Assert.True(crmEmails.ContainsKey(c.Email), c.Email));
        Assert.Equal(Data.CommerceCustomers.Count, Data.CommerceCustomers.Select(c => c.Email).Distinct().Count());
        var differing = Data.CommerceCustomers.Count(c => crmEmails[c.Email] != c.Email);
        Assert.InRange(differing / (double)Data.CommerceCustomers.Count, 0.28, 0.39);
    }

    [Fact]
    public void Generate_ErpNames_AreTheErpsOwnSpelling()
    {
        var crmNames = Data.CrmCustomers.ToDictionary(c => c.Id, c => c.Name);

        Assert.All(Data.ErpAccounts, a => Assert.NotEqual(crmNames[a.CrmRef], a.Name));
        Assert.Contains(Data.ErpAccounts, a => crmNames[a.CrmRef].EndsWith(" Ltd", StringComparison.Ordinal) && a.Name.EndsWith(" Limited", StringComparison.Ordinal));
        Assert.All(Data.ErpAccounts, a => Assert.StartsWith(crmNames[a.CrmRef].Split(' ')[0].ToUpperInvariant() + " ", a.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_OptionalFields_AreSometimesNullButMostlySet()
    {
        static void Sometimes<T>(IReadOnlyList<T> items, Func<T, object?> field, double min, double max) =>
            Assert.InRange(items.Count(i => field(i) is null) / (double)items.Count, min, max);

        Sometimes(Data.CrmCustomers, c => c.Phone, 0.10, 0.20);
        Sometimes(Data.CrmCustomers, c => c.Domain, 0.05, 0.11);
        Sometimes(Data.CrmCustomers, c => c.Industry, 0.03, 0.07);
        Sometimes(Data.CrmCustomers, c => c.PrimaryEmail, 0.01, 0.03);
        Sometimes(Data.CrmContacts, c => c.Phone, 0.25, 0.35);
        Sometimes(Data.CommerceOrders, o => o.FulfillmentStatus, 0.15, 0.40);
    }

    [Fact]
    public void Generate_Enums_UseExactlyTheContractValues()
    {
        Assert.Equal(["Enterprise", "MidMarket", "SMB"], Data.CrmCustomers.Select(c => c.Segment).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["churned", "customer", "lead", "opportunity"], Data.CrmCustomers.Select(c => c.LifecycleStage).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Data.CrmCustomers, c => Assert.Matches("^[A-Z]{2}$", c.Country));
        Assert.Equal(["closedLost", "closedWon", "negotiation", "proposal", "prospecting"], Data.CrmDeals.Select(d => d.Stage).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["EUR", "GBP", "USD"], Data.CrmDeals.Select(d => d.Currency).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["BLOCKED", "HOLD", "OK"], Data.ErpAccounts.Select(a => a.CreditStatus).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["NET15", "NET30", "NET60"], Data.ErpAccounts.Select(a => a.PaymentTerms).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["Open", "Overdue", "Paid"], Data.ErpInvoices.Select(i => i.Status).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["closed", "new", "open", "pending", "solved"], Data.HelpdeskTickets.Select(t => t.Status).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["high", "low", "normal", "urgent"], Data.HelpdeskTickets.Select(t => t.Priority).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["bad", "good", "unoffered"], Data.HelpdeskTickets.Select(t => t.SatisfactionScore).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["paid", "pending", "refunded"], Data.CommerceOrders.Select(o => o.FinancialStatus).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([null, "fulfilled", "partial"], Data.CommerceOrders.Select(o => o.FulfillmentStatus).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_MoneyAndTime_HaveTheContractPrecision()
    {
        Assert.All(Data.CrmDeals, d => Assert.Equal(2, d.Amount.Scale));
        Assert.All(Data.ErpInvoices, i => Assert.Equal(2, i.Amount.Scale));
        Assert.All(Data.CrmCustomers, c => Assert.Equal(TimeSpan.Zero, c.CreatedAt.Offset));
        Assert.All(Data.CrmCustomers, c => Assert.True(c.UpdatedAt >= c.CreatedAt));
        Assert.All(Data.CommerceOrders, o => Assert.Contains(o.CreatedAt.Offset, new[] { TimeSpan.FromHours(-4), TimeSpan.FromHours(-5) }));
        Assert.Contains(Data.CommerceOrders, o => o.CreatedAt.Offset == TimeSpan.FromHours(-4));
        Assert.Contains(Data.CommerceOrders, o => o.CreatedAt.Offset == TimeSpan.FromHours(-5));
        Assert.All(Data.ErpInvoices, i => Assert.True(i.DueDate > i.IssueDate));
    }

    [Fact]
    public void Generate_CommerceTotals_SumTheirPaidOrders()
    {
        var orders = Data.CommerceOrders.ToLookup(o => o.CustomerId);

        Assert.All(Data.CommerceCustomers, c =>
        {
            Assert.Equal(orders[c.Id].Count(), c.OrdersCount);
            Assert.Equal(orders[c.Id].Where(o => o.FinancialStatus == "paid").Sum(o => o.TotalPrice), c.TotalSpent);
        });
        Assert.True(Data.CommerceOrders.Zip(Data.CommerceOrders.Skip(1)).All(p => p.First.CreatedAt <= p.Second.CreatedAt), "order numbers follow creation time");
    }
}
