using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Tests.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// The encrypting L2 wrapper on its own, over an in-memory <see cref="IDistributedCache"/> that keeps
/// what it is given, so the stored bytes and options can be inspected.
/// </summary>
public sealed class EncryptingDistributedCacheTests : IDisposable
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    private readonly RecordingCache _inner = new();
    private readonly CapturingLoggerProvider _log = new();
    private readonly ILoggerFactory _loggers;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public EncryptingDistributedCacheTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_log));
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _inner.Dispose();
    }

    [Fact]
    public async Task SetThenGet_SameName_RoundTripsAndStoresNoPlaintext()
    {
        var cache = Create(_key);
        var value = "{\"name\":\"Cedar Trading GmbH\"}"u8.ToArray();

        await cache.SetAsync("crmfed:x:crm:customersById::C-1", value, new DistributedCacheEntryOptions());

        Assert.Equal(value, await cache.GetAsync("crmfed:x:crm:customersById::C-1"));
        var (_, stored) = Assert.Single(_inner.Writes);
        Assert.True(stored.AsSpan().IndexOf("Cedar"u8) < 0, "The stored value holds the plaintext.");
        Assert.Equal(value.Length + 12 + 16, stored.Length);
    }

    [Fact]
    public async Task Get_WrittenWithAnotherKey_Miss()
    {
        var writer = Create(RandomNumberGenerator.GetBytes(32));
        var reader = Create(_key);
        await writer.SetAsync("name", [1, 2, 3], new DistributedCacheEntryOptions());

        Assert.Null(await reader.GetAsync("name"));
        Assert.Equal([1, 2, 3], await writer.GetAsync("name"));
    }

    [Fact]
    public async Task Get_ValueMovedFromAnotherName_Miss()
    {
        var cache = Create(_key);
        await cache.SetAsync("customer:C-1", [1, 1, 1], new DistributedCacheEntryOptions());
        await cache.SetAsync("customer:C-2", [2, 2, 2], new DistributedCacheEntryOptions());
        var (nameOfFirst, valueOfFirst) = _inner.Writes.First();
        var (nameOfSecond, _) = _inner.Writes.Last();

        // Whoever can write to the store copies C-1's sealed value over C-2's.
        _inner.Set(nameOfSecond, valueOfFirst, new DistributedCacheEntryOptions());

        Assert.Null(await cache.GetAsync("customer:C-2"));
        Assert.Equal([1, 1, 1], await cache.GetAsync("customer:C-1"));
        Assert.NotEqual(nameOfFirst, nameOfSecond);
    }

    [Theory]
    [InlineData(null, null, 5)]
    [InlineData(3, null, 3)]
    [InlineData(60, null, 5)]
    [InlineData(null, 2, 2)]
    [InlineData(null, 60, 5)]
    public async Task Set_AnyRequestedLifetime_CappedAtMaxTtl(int? absoluteSeconds, int? slidingSeconds, int expectedSeconds)
    {
        var cache = Create(_key);

        await cache.SetAsync("name", [1], new DistributedCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = absoluteSeconds is { } a ? TimeSpan.FromSeconds(a) : null,
            SlidingExpiration = slidingSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        });

        var options = Assert.Single(_inner.Entries);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.AbsoluteExpirationRelativeToNow);
        Assert.Null(options.SlidingExpiration);
        Assert.Null(options.AbsoluteExpiration);
    }

    /// <summary>
    /// <see cref="AesGcm"/> instances are not thread-safe: one shared by every request interleaved
    /// concurrent calls in one OpenSSL context, so writes were dropped, reads missed or threw past the
    /// "failures read as misses" guard, values decrypted to another value's bytes, and values were
    /// encrypted under another call's nonce (GCM nonce reuse).
    /// </summary>
    [Fact]
    public async Task ConcurrentSetAndGet_ManyRequestsAtOnce_EveryValueRoundTrips()
    {
        const int Rounds = 20_000;
        var cache = Create(_key);
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Rounds), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var name = "key-" + i;
            var value = RandomNumberGenerator.GetBytes(1024 + (i % 64 * 1024));
            try
            {
                await cache.SetAsync(name, value, new DistributedCacheEntryOptions(), token);
                if (await cache.GetAsync(name, token) is not { } read || !read.AsSpan().SequenceEqual(value))
                {
                    failures.Add(name + ": lost");
                }
            }
            catch (CryptographicException ex)
            {
                failures.Add(name + ": " + ex.Message);
            }

            await cache.RemoveAsync(name, token);
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {Rounds} values did not round-trip, e.g. {string.Join(" | ", failures.Take(3))}; " +
            $"log: {string.Join(" | ", _log.Entries.Take(3).Select(e => e.Message + " " + e.Exception?.Message))}");
    }

    /// <summary>Redis down under load: every operation fails at once, and the log gets one line for it, then one when Redis is back.</summary>
    [Fact]
    public async Task InnerFailingForEveryOperation_MissesAndSkippedWrites_OneWarningThenOneLineWhenBack()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var outageLog = new FakeLogger<RedisOutageLog>();
        var cache = Create(_key, new RedisOutageLog(time, outageLog));
        await cache.SetAsync("customer:C-1", [1], new DistributedCacheEntryOptions());
        _inner.Failure = new RedisConnectionException(ConnectionFailureType.SocketFailure, "No connection: HMGET crmfed:" + new CacheKeyMaterial(_key).KeyedName("customer:C-1"));

        for (var i = 0; i < 500; i++)
        {
            Assert.Null(await cache.GetAsync("customer:C-1"));
            await cache.SetAsync("customer:C-2", [2], new DistributedCacheEntryOptions());
            cache.Refresh("customer:C-1");
            await cache.RemoveAsync("customer:C-2");
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        _inner.Failure = null;
        Assert.Equal([1], await cache.GetAsync("customer:C-1"));

        var lines = outageLog.Collector.GetSnapshot();
        Assert.Equal([LogLevel.Warning, LogLevel.Information], lines.Select(l => l.Level));
        Assert.Equal(("5", "2000"), (lines[1].GetStructuredStateValue("Seconds"), lines[1].GetStructuredStateValue("Failures")));
        Assert.All(lines, line => Assert.DoesNotContain("crmfed:", line.Message, StringComparison.Ordinal));
        Assert.Empty(_log.Entries);
    }

    private EncryptingDistributedCache Create(byte[] key, RedisOutageLog? outages = null) =>
        new(_inner, new CacheKeyMaterial(key), Cap, outages ?? new RedisOutageLog(TimeProvider.System, _loggers.CreateLogger<RedisOutageLog>()), _loggers.CreateLogger<EncryptingDistributedCache>());

    /// <summary>An in-memory distributed cache that also records the values and options it was given.</summary>
    private sealed class RecordingCache : IDistributedCache, IDisposable
    {
        private readonly MemoryDistributedCache _store = new(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));

        /// <summary>The names and values it was given, in order.</summary>
        public ConcurrentQueue<(string Name, byte[] Value)> Writes { get; } = new();

        public ConcurrentQueue<DistributedCacheEntryOptions> Entries { get; } = new();

        /// <summary>When set, every operation throws it, as a Redis client does while Redis is down.</summary>
        public Exception? Failure { get; set; }

        public byte[]? Get(string key) => Available()._store.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Available()._store.GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Record(key, value, options);
            _store.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Record(key, value, options);
            return _store.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => Available()._store.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Available()._store.RefreshAsync(key, token);

        public void Remove(string key) => Available()._store.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => Available()._store.RemoveAsync(key, token);

        public void Dispose() => (_store as IDisposable)?.Dispose();

        private RecordingCache Available() => Failure is { } failure ? throw failure : this;

        private void Record(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            Available();
            Writes.Enqueue((key, value));
            Entries.Enqueue(options);
        }
    }
}
