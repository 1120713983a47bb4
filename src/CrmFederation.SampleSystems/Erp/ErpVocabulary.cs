namespace CrmFederation.SampleSystems.Erp;

/// <summary>The ERP's enum values and limits, exactly as on the wire.</summary>
internal static class ErpVocabulary
{
    public static readonly string[] PaymentTerms = ["NET15", "NET30", "NET60"];

    public static readonly string[] InvoiceStatuses = ["Open", "Paid", "Overdue"];

    /// <summary>Batch limit of <c>crmRefs</c> and <c>accountNos</c>.</summary>
    public const int MaxBatchKeys = 50;

    public const string Challenge = "Basic realm=\"erp\"";
}
