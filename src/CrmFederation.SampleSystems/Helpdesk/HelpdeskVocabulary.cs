namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>The helpdesk's limits and auth challenge.</summary>
internal static class HelpdeskVocabulary
{
    /// <summary>Batch limit of <c>external_ids</c> and <c>organization_ids</c>.</summary>
    public const int MaxBatchKeys = 100;

    public const string Challenge = "Bearer realm=\"helpdesk\"";
}
