namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// Generates the four systems. The CRM draws from <c>new Random(seed)</c>; the ERP, helpdesk and
/// commerce generators each draw from their own <see cref="Random"/> seeded from it, so they can run
/// side by side once the CRM exists and still give the same data every time. A seeded
/// <see cref="Random"/> uses the same algorithm on every machine.
/// </summary>
internal static class SampleDataGenerator
{
    public static SampleDataSet Generate(int seed, int customerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customerCount, 999_999);

        var crm = CrmGenerator.Generate(new Random(seed), customerCount);
        var erp = Task.Run(() => ErpGenerator.Generate(new Random(StreamSeed(seed, 1)), crm));
        var helpdesk = Task.Run(() => HelpdeskGenerator.Generate(new Random(StreamSeed(seed, 2)), crm));
        var commerce = CommerceGenerator.Generate(new Random(StreamSeed(seed, 3)), crm);
        return new SampleDataSet
        {
            Seed = seed,
            CrmCustomers = crm.Customers,
            CrmContacts = crm.Contacts,
            CrmDeals = crm.Deals,
            ErpAccounts = erp.Result.Accounts,
            ErpInvoices = erp.Result.Invoices,
            HelpdeskOrganizations = helpdesk.Result.Organizations,
            HelpdeskTickets = helpdesk.Result.Tickets,
            CommerceCustomers = commerce.Customers,
            CommerceOrders = commerce.Orders,
        };
    }

    /// <summary>A fixed mix of the seed and a stream number (not <see cref="HashCode"/>, which differs per process).</summary>
    private static int StreamSeed(int seed, int stream) => unchecked((int)(((uint)seed * 2654435761u) ^ ((uint)stream * 2246822519u)));
}
