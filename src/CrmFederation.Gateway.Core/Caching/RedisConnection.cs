using StackExchange.Redis;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// The one Redis connection of a gateway instance, shared by the L2 cache and the invalidation
/// backplane, and set up so that a dead Redis costs nothing: the sources are the fallback.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly Lock _gate = new();
    private Task<IConnectionMultiplexer>? _connecting;

    public RedisConnection(string connectionString)
    {
        _options = ConfigurationOptions.Parse(connectionString);

        // Start (and keep running) with Redis down; the client reconnects, and resubscribes, on its own.
        _options.AbortOnConnectFail = false;

        // While disconnected, commands fail at once instead of queueing for their timeout: every read
        // would otherwise hold its request for the full timeout before falling back to memory and the sources.
        _options.BacklogPolicy = BacklogPolicy.FailFast;
        _options.ConnectTimeout = Math.Min(_options.ConnectTimeout, 2000);
        _options.SyncTimeout = Math.Min(_options.SyncTimeout, 500);
        _options.AsyncTimeout = Math.Min(_options.AsyncTimeout, 500);

        // Exception messages then name commands, not their keys: logged exceptions carry no key names.
        _options.IncludeDetailInExceptions = false;
    }

    /// <summary>The connection, made on first use; with Redis unreachable, a client that keeps trying.</summary>
    public Task<IConnectionMultiplexer> ConnectAsync()
    {
        lock (_gate)
        {
            // A failed attempt is not kept: the next caller tries again.
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectCoreAsync();
            }

            return _connecting;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<IConnectionMultiplexer>? connecting;
        lock (_gate)
        {
            connecting = _connecting;
        }

        if (connecting is null)
        {
            return;
        }

        IConnectionMultiplexer connection;
        try
        {
            connection = await connecting;
        }
        catch (RedisException)
        {
            // Never connected: nothing to close.
            return;
        }

        await connection.DisposeAsync();
    }

    private async Task<IConnectionMultiplexer> ConnectCoreAsync() => await ConnectionMultiplexer.ConnectAsync(_options);
}
