namespace CrmFederation.SampleSystems.Data;

/// <summary>The helpdesk's generated organizations and tickets.</summary>
internal sealed record HelpdeskGeneration(List<HelpdeskOrganization> Organizations, List<HelpdeskTicket> Tickets);
