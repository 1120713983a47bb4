namespace CrmFederation.SampleSystems.Data;

/// <summary>A CRM customer, the golden record; enum-like fields hold their wire values.</summary>
public sealed record CrmCustomer(
    string Id,
    string Name,
    string? Domain,
    string? Industry,
    string Segment,
    string Country,
    string LifecycleStage,
    string? PrimaryEmail,
    string? Phone,
    string OwnerEmail,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
