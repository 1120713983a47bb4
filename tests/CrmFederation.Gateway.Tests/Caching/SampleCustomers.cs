using CrmFederation.SampleSystems.Data;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Customers of the generated sample data, picked by what the other systems hold for them. Each
/// test takes its own (by index) so that no test can pass on another's cache entries.
/// </summary>
public sealed class SampleCustomers
{
    private readonly SampleDataSet _data;
    private readonly List<Linked> _linked;

    public SampleCustomers(SampleDataSet data)
    {
        _data = data;
        var accounts = data.ErpAccounts.ToDictionary(a => a.CrmRef, StringComparer.Ordinal);
        var organizations = data.HelpdeskOrganizations.ToDictionary(o => o.ExternalId, StringComparer.Ordinal);
        var shoppers = data.CommerceCustomers.ToDictionary(s => s.Email, StringComparer.Ordinal);
        var withContacts = data.CrmContacts.Select(c => c.CustomerId).ToHashSet(StringComparer.Ordinal);
        _linked = data.CrmCustomers
            .Where(c => c.PrimaryEmail is not null && withContacts.Contains(c.Id))
            .Select(c => (Customer: c, Account: accounts.GetValueOrDefault(c.Id), Organization: organizations.GetValueOrDefault(c.Id),
                Shopper: shoppers.GetValueOrDefault(c.PrimaryEmail!.ToLowerInvariant())))
            .Where(c => c.Account is not null && c.Organization is not null && c.Shopper is not null
                && data.ErpInvoices.Any(i => i.AccountNo == c.Account.AccountNo))
            .Select(c => new Linked(c.Customer, c.Account!, c.Organization!, c.Shopper!))
            .ToList();
        Assert.True(_linked.Count >= 40, $"The sample data has only {_linked.Count} customers known to all four systems.");
    }

    public SampleDataSet Data => _data;

    /// <summary>The <paramref name="index"/>-th customer known to all four systems, with invoices and contacts.</summary>
    public Linked FullyLinked(int index) => _linked[index];

    /// <summary>The <paramref name="index"/>-th customer known to all four systems whose CRM e-mail is not lower case, unlike the shop's.</summary>
    public Linked MixedCaseEmail(int index) =>
        _linked.Where(c => c.Customer.PrimaryEmail != c.Shopper.Email).Skip(index).First();

    /// <summary>The <paramref name="index"/>-th prospect: a CRM customer without an ERP account.</summary>
    public CrmCustomer Prospect(int index)
    {
        var billed = _data.ErpAccounts.Select(a => a.CrmRef).ToHashSet(StringComparer.Ordinal);
        return _data.CrmCustomers.Where(c => !billed.Contains(c.Id)).Skip(index).First();
    }

    /// <summary>Customer ids <paramref name="skip"/>, <paramref name="skip"/>+1, … in CRM order.</summary>
    public IReadOnlyList<string> Ids(int skip, int count) => _data.CrmCustomers.Skip(skip).Take(count).Select(c => c.Id).ToList();

    public sealed record Linked(CrmCustomer Customer, ErpAccount Account, HelpdeskOrganization Organization, CommerceCustomer Shopper)
    {
        public string Id => Customer.Id;
    }
}
