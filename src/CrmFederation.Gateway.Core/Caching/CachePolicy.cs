namespace CrmFederation.Gateway.Caching;

/// <summary>How long an endpoint's items are fresh, and how much longer they may stand in for a failing source.</summary>
public sealed record CachePolicy(TimeSpan Ttl, TimeSpan MaxStale);
