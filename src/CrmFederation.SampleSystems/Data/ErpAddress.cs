namespace CrmFederation.SampleSystems.Data;

/// <summary>An ERP billing address.</summary>
public sealed record ErpAddress(string Street, string City, string PostalCode, string Country);
