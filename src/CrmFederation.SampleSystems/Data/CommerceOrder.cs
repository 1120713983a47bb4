namespace CrmFederation.SampleSystems.Data;

/// <summary>A commerce order; <see cref="CreatedAt"/> keeps the shop's UTC offset.</summary>
public sealed record CommerceOrder(
    long Id,
    long CustomerId,
    string Name,
    DateTimeOffset CreatedAt,
    decimal TotalPrice,
    string Currency,
    string FinancialStatus,
    string? FulfillmentStatus);
