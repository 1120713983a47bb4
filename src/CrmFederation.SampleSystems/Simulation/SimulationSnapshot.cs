namespace CrmFederation.SampleSystems.Simulation;

/// <summary>The settings and the rate limiter that goes with them, swapped together.</summary>
internal sealed record SimulationSnapshot(SimulationSettings Settings, TokenBucket? Bucket);
