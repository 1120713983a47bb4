using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// What selects and orders a customer list; the key of the cached views. Null fields do not filter;
/// the rest are exact matches combined with AND, and <see cref="UpdatedAfter"/> is strictly after.
/// </summary>
internal readonly record struct CrmListFilter(
    string? Segment,
    string? Country,
    string? LifecycleStage,
    DateTimeOffset? UpdatedAfter,
    CrmSort Sort)
{
    public bool Matches(CrmCustomer customer) =>
        (Segment is null || customer.Segment == Segment)
        && (Country is null || customer.Country == Country)
        && (LifecycleStage is null || customer.LifecycleStage == LifecycleStage)
        && (UpdatedAfter is null || customer.UpdatedAt > UpdatedAfter.Value);
}
