namespace CrmFederation.SampleSystems.Data;

/// <summary>The commerce platform's generated shoppers and orders.</summary>
internal sealed record CommerceGeneration(List<CommerceCustomer> Customers, List<CommerceOrder> Orders);
