namespace CrmFederation.Gateway.Caching;

/// <summary>Host settings of the cache (section <c>Gateway:Cache</c>).</summary>
public sealed class CacheSettings
{
    public const string SectionName = "Gateway:Cache";

    /// <summary>Off: every read goes to the sources (benchmarks of the uncached path, call-counting tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When set, Redis is the shared second level (L2); otherwise the cache is in memory only.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Base64 of a 256-bit key; values written to Redis are encrypted and authenticated with it. Required with Redis.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>No entry lives longer than this, whatever gateway-config asks for.</summary>
    public int MaxTtlSeconds { get; set; } = 3600;

    public long MemoryLimitBytes { get; set; } = 256L * 1024 * 1024;
}
