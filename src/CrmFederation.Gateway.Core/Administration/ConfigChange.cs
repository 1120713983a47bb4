using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// A change an admin asks for: the files it proposes, given the live ones (<see cref="Propose"/> runs under
/// the apply lock, so it sees the version it is checked against), and who asks, how, and why.
/// </summary>
public sealed record ConfigChange(
    Func<ConfigFileSet, ConfigFileSet> Propose,
    string ExpectedVersion,
    string Caller,
    string Trigger,
    bool Force,
    string? Reason);
