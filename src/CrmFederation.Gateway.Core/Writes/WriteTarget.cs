using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// Where a group of input fields is written: an endpoint of the source that owns them, and the item it
/// changes — the object read itself (<see cref="Via"/> null), or the item a fetched field of it finds
/// (a customer's ERP account, through <c>billing</c>).
/// </summary>
public sealed record WriteTarget(WriteEndpointDefinition Endpoint, FetchFieldBinding? Via)
{
    public string Source => Endpoint.Source.Name;
}
