namespace CrmFederation.SampleSystems.Data;

/// <summary>The CRM's generated records; <see cref="Traits"/>[i] belongs to <see cref="Customers"/>[i].</summary>
internal sealed record CrmGeneration(
    List<CrmCustomer> Customers,
    List<CrmContact> Contacts,
    List<CrmDeal> Deals,
    List<CustomerTraits> Traits);
