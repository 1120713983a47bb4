namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Caching of one endpoint's items, per key, as the source sent them. Absent means never cached.
/// Entries live for <see cref="TtlSeconds"/>; after that, up to <see cref="MaxStaleSeconds"/> more,
/// they are only served when the source fails (stale-if-error).
/// </summary>
public sealed record CacheConfig
{
    public int TtlSeconds { get; init; } = 60;

    public int MaxStaleSeconds { get; init; }
}
