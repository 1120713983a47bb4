namespace CrmFederation.Gateway.Caching;

/// <summary>The item cache when caching is enabled (<c>Gateway:Cache:Enabled</c>), otherwise null.</summary>
public sealed record ItemCacheAccessor(SourceItemCache? Cache);
