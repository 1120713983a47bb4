namespace CrmFederation.SampleSystems.Data;

/// <summary>A sales opportunity of a CRM customer; <see cref="Amount"/> always carries two decimals.</summary>
public sealed record CrmDeal(
    string Id,
    string CustomerId,
    string Name,
    string Stage,
    decimal Amount,
    string Currency,
    DateOnly CloseDate);
