namespace CrmFederation.SampleSystems.Crm;

/// <summary>The CRM's enum values, exactly as they appear on the wire.</summary>
internal static class CrmVocabulary
{
    public static readonly string[] Segments = ["SMB", "MidMarket", "Enterprise"];

    public static readonly string[] LifecycleStages = ["lead", "opportunity", "customer", "churned"];

    /// <summary>Batch limit of <c>ids</c> and <c>customerIds</c>.</summary>
    public const int MaxBatchKeys = 100;

    public const string Challenge = "Bearer realm=\"crm\"";
}
