using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>Organizations by external id (the CRM id) and each organization's tickets in id order, serialized once.</summary>
internal sealed class HelpdeskStore
{
    private readonly Dictionary<string, Stored<HelpdeskOrganization>>.AlternateLookup<ReadOnlySpan<char>> _byExternalId;
    private readonly Dictionary<long, Stored<HelpdeskTicket>[]> _tickets;

    public HelpdeskStore(SampleDataSet data)
    {
        var byExternalId = new Dictionary<string, Stored<HelpdeskOrganization>>(data.HelpdeskOrganizations.Count, StringComparer.Ordinal);
        var tickets = new Dictionary<long, List<Stored<HelpdeskTicket>>>(data.HelpdeskOrganizations.Count);
        foreach (var organization in data.HelpdeskOrganizations)
        {
            byExternalId.Add(organization.ExternalId, JsonBytes.Store(organization, HelpdeskJson.WriteOrganization));
            tickets.Add(organization.Id, []);
        }

        foreach (var ticket in data.HelpdeskTickets)
        {
            tickets[ticket.OrganizationId].Add(JsonBytes.Store(ticket, HelpdeskJson.WriteTicket));
        }

        _tickets = new Dictionary<long, Stored<HelpdeskTicket>[]>(tickets.Count);
        foreach (var (organizationId, list) in tickets)
        {
            list.Sort(static (a, b) => a.Value.Id.CompareTo(b.Value.Id));
            _tickets.Add(organizationId, [.. list]);
        }

        _byExternalId = byExternalId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Stored<HelpdeskOrganization>? FindByExternalId(ReadOnlySpan<char> externalId) =>
        _byExternalId.TryGetValue(externalId, out var organization) ? organization : null;

    /// <summary>The organization's tickets in id order, or null for an unknown organization.</summary>
    public Stored<HelpdeskTicket>[]? Tickets(long organizationId) => _tickets.GetValueOrDefault(organizationId);
}
