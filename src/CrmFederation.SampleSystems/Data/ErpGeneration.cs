namespace CrmFederation.SampleSystems.Data;

/// <summary>The ERP's generated accounts and invoices.</summary>
internal sealed record ErpGeneration(List<ErpAccount> Accounts, List<ErpInvoice> Invoices);
