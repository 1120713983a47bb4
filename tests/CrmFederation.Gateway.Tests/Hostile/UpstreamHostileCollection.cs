namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>
/// Runs alone, after the parallel tests: its tests count the bytes the whole process allocates while
/// the gateway handles one hostile answer, which other tests running at the same time would add to.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UpstreamHostileCollection
{
    public const string Name = "Upstream hostile answers, alone";
}
