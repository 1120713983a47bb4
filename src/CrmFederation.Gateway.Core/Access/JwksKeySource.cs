using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The signing keys an identity provider publishes as a JSON Web Key Set, for the token handler: fetched
/// on first use and again every <see cref="AutomaticRefresh"/>; refetched when a token names a key the set
/// lacks (the handler then calls <see cref="RequestRefresh"/>), but that at most once per <see cref="MinimumRefresh"/>,
/// so tokens with made-up key ids cannot make the gateway hammer the identity provider. The request that
/// asked waits for that one fetch, so a key rotation costs no 401; a failed fetch keeps the keys it had.
/// IdentityModel's ConfigurationManager refreshes in the background instead (the asking token is refused),
/// unless a process-wide switch, read when the first token handler is built, says otherwise.
/// </summary>
public sealed class JwksKeySource(Uri url, TimeProvider clock) : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    public static readonly TimeSpan AutomaticRefresh = TimeSpan.FromHours(1);

    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromMinutes(1);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private volatile OpenIdConnectConfiguration? _keys;
    private volatile bool _refreshRequested;

    // Ticks, not DateTimeOffsets, so that requests checking outside the lock never read a torn value.
    private long _fetchedAtTicks = DateTimeOffset.MinValue.UtcTicks;
    private long _refreshGrantedAtTicks = DateTimeOffset.MinValue.UtcTicks;

    public Uri Url => url;

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) => await GetConfigurationAsync(cancel);

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (!FetchDue())
        {
            return _keys ?? throw NoKeys();
        }

        await _fetch.WaitAsync(cancel);
        try
        {
            // Requests that waited here find the keys the first of them fetched.
            if (FetchDue())
            {
                await FetchAsync();
            }

            return _keys ?? throw NoKeys();
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>Grants at most one refresh per <see cref="MinimumRefresh"/>; the scheduled fetches do not count.</summary>
    public override void RequestRefresh()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var granted = Volatile.Read(ref _refreshGrantedAtTicks);
        if (now >= granted + MinimumRefresh.Ticks && Interlocked.CompareExchange(ref _refreshGrantedAtTicks, now, granted) == granted)
        {
            _refreshRequested = true;
        }
    }

    public void Dispose() => _fetch.Dispose();

    /// <summary>Without keys, a failed fetch is retried after <see cref="MinimumRefresh"/>; with keys, when asked or when they are old.</summary>
    private bool FetchDue()
    {
        var now = clock.GetUtcNow();
        return _keys is null ? now >= FetchedAt + MinimumRefresh : _refreshRequested || now >= FetchedAt + AutomaticRefresh;
    }

    private DateTimeOffset FetchedAt => new(Volatile.Read(ref _fetchedAtTicks), TimeSpan.Zero);

    private async Task FetchAsync()
    {
        try
        {
            // Not the request's token: the fetch serves every request waiting for it; the client's timeout bounds it.
            var keys = new JsonWebKeySet(await Http.GetStringAsync(url, CancellationToken.None));
            var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            _keys = configuration;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException or System.Text.Json.JsonException)
        {
            // The identity provider is down or answers nonsense: the keys fetched before stay in use.
        }
        finally
        {
            Volatile.Write(ref _fetchedAtTicks, clock.GetUtcNow().UtcTicks);
            _refreshRequested = false;
        }
    }

    private InvalidOperationException NoKeys() => new($"No signing keys could be fetched from {url} yet.");
}
