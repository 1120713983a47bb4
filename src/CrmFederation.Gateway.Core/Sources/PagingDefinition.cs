namespace CrmFederation.Gateway.Sources;

/// <summary>
/// How to find the next page of a batch answer: a body path holding its URL, or the Link header; and, for
/// the cost model, how many items a page holds (null: unknown, so every walk is estimated at <paramref name="MaxPages"/>).
/// </summary>
public sealed record PagingDefinition(JsonPath? NextUrlPath, bool UsesLinkHeader, int MaxPages, int? PageSize = null)
{
    /// <summary>The pages the answer for <paramref name="keys"/> keys of about <paramref name="itemsPerKey"/> items each is expected to span.</summary>
    public int ExpectedPages(int keys, int itemsPerKey) =>
        PageSize is { } size ? (int)Math.Clamp(((long)keys * itemsPerKey + size - 1) / size, 1, MaxPages) : MaxPages;
}
