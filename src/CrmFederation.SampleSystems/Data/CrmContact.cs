namespace CrmFederation.SampleSystems.Data;

/// <summary>A person at a CRM customer.</summary>
public sealed record CrmContact(
    string Id,
    string CustomerId,
    string FirstName,
    string LastName,
    string Email,
    string Title,
    string? Phone);
