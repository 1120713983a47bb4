using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// Issued access tokens and when each expires, on <see cref="TimeProvider"/>'s clock so tests can
/// expire them without waiting. Tokens are random; nothing can be read from them.
/// </summary>
internal sealed class CrmTokens
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly TimeProvider _time;

    public CrmTokens(TimeSpan lifetime, TimeProvider time)
    {
        Lifetime = lifetime;
        _time = time;
        _lookup = _expiries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public TimeSpan Lifetime { get; }

    public string Issue()
    {
        if (_expiries.Count > PruneAbove)
        {
            Prune();
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _expiries[token] = _time.GetUtcNow() + Lifetime;
        return token;
    }

    /// <summary>True when the request carries <c>Authorization: Bearer &lt;a token issued here and not expired&gt;</c>.</summary>
    public bool IsAuthorized(HttpRequest request) =>
        AuthorizationHeader.TryGetCredentials(request, "Bearer", out var token)
        && _lookup.TryGetValue(token, out var expires)
        && _time.GetUtcNow() < expires;

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (token, expires) in _expiries)
        {
            if (expires <= now)
            {
                _expiries.TryRemove(token, out _);
            }
        }
    }
}
