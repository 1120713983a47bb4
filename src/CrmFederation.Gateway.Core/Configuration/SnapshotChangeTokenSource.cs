using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CrmFederation.Gateway.Configuration;

/// <summary>Makes options built from the config snapshot (by name) be built again when a new snapshot is published.</summary>
public sealed class SnapshotChangeTokenSource<TOptions>(string? name, GatewaySnapshotHolder snapshots) : IOptionsChangeTokenSource<TOptions>
{
    public string? Name { get; } = name;

    public IChangeToken GetChangeToken() => snapshots.ChangeToken;
}
