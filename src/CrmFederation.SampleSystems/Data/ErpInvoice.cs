namespace CrmFederation.SampleSystems.Data;

/// <summary>An ERP invoice of one account.</summary>
public sealed record ErpInvoice(
    string InvoiceNo,
    string AccountNo,
    DateOnly IssueDate,
    DateOnly DueDate,
    decimal Amount,
    string Currency,
    string Status);
