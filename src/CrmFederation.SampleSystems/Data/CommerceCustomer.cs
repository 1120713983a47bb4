namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// A commerce shopper. <see cref="Email"/> is lower case; <see cref="CreatedAt"/> keeps the shop's
/// UTC offset, as the wire does.
/// </summary>
public sealed record CommerceCustomer(
    long Id,
    string Email,
    string FirstName,
    string LastName,
    int OrdersCount,
    decimal TotalSpent,
    string Currency,
    DateTimeOffset CreatedAt);
