namespace CrmFederation.SampleSystems.Crm;

/// <summary>The customer indices one filter selects, in its order, as of one store version.</summary>
internal sealed record CrmCustomerView(int Version, int[] Indices);
