namespace CrmFederation.SampleSystems.Data;

/// <summary>A helpdesk ticket; <see cref="SatisfactionScore"/> is good, bad or unoffered.</summary>
public sealed record HelpdeskTicket(
    long Id,
    long OrganizationId,
    string Subject,
    string Status,
    string Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string SatisfactionScore);
