namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// The records the four systems serve, as generated at start-up (PATCHes change the systems' live copies,
/// not these lists). The same seed and size give the same data on every machine.
/// </summary>
public sealed class SampleDataSet
{
    public required int Seed { get; init; }

    public required IReadOnlyList<CrmCustomer> CrmCustomers { get; init; }

    public required IReadOnlyList<CrmContact> CrmContacts { get; init; }

    public required IReadOnlyList<CrmDeal> CrmDeals { get; init; }

    public required IReadOnlyList<ErpAccount> ErpAccounts { get; init; }

    public required IReadOnlyList<ErpInvoice> ErpInvoices { get; init; }

    public required IReadOnlyList<HelpdeskOrganization> HelpdeskOrganizations { get; init; }

    public required IReadOnlyList<HelpdeskTicket> HelpdeskTickets { get; init; }

    public required IReadOnlyList<CommerceCustomer> CommerceCustomers { get; init; }

    public required IReadOnlyList<CommerceOrder> CommerceOrders { get; init; }

    /// <summary>Generates the data set; deterministic in <paramref name="seed"/> and <paramref name="customerCount"/>.</summary>
    public static SampleDataSet Generate(int seed, int customerCount) => SampleDataGenerator.Generate(seed, customerCount);
}
