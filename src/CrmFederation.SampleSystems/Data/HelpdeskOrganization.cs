namespace CrmFederation.SampleSystems.Data;

/// <summary>A helpdesk organization; <see cref="ExternalId"/> is the CRM customer id.</summary>
public sealed record HelpdeskOrganization(long Id, string ExternalId, string Name, DateTimeOffset CreatedAt);
