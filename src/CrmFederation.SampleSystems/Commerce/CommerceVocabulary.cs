namespace CrmFederation.SampleSystems.Commerce;

/// <summary>The commerce platform's limits.</summary>
internal static class CommerceVocabulary
{
    /// <summary>Batch limit of <c>emails</c> and <c>customer_ids</c>.</summary>
    public const int MaxBatchKeys = 50;

    /// <summary>Orders per answer when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    public const int MaxLimit = 250;
}
