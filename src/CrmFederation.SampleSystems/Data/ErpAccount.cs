namespace CrmFederation.SampleSystems.Data;

/// <summary>An ERP billing account; <see cref="Name"/> is the ERP's own spelling of the CRM name.</summary>
public sealed record ErpAccount(
    string AccountNo,
    string CrmRef,
    string Name,
    string CreditStatus,
    decimal CreditLimit,
    string PaymentTerms,
    string Currency,
    ErpAddress BillingAddress);
