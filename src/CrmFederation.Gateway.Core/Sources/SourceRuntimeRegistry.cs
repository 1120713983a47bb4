using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Telemetry;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// The long-lived state of the sources, apart from the config snapshots that use it: each source's
/// <see cref="SourceRuntime"/> is keyed by a fingerprint of the settings it is built from (name, address,
/// timeout, resilience), and its OAuth2 token by the token endpoint and client credentials. A reload that
/// leaves those equal (a comment, another source, a binding) gets the same breaker, budget, limiters and token.
/// </summary>
public sealed class SourceRuntimeRegistry(SourceResilienceFactory resilience, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SourceRuntime> _runtimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OAuth2TokenProvider> _tokens = new(StringComparer.Ordinal);

    public SourceRuntime RuntimeFor(SourceDefinition source)
    {
        var key = ConfigFingerprint.Of(source.Name, source.BaseUri, source.Timeout, source.Resilience);
        lock (_gate)
        {
            if (!_runtimes.TryGetValue(key, out var runtime))
            {
                runtime = new SourceRuntime(resilience.Create(source), new SourceStatistics(time));
                _runtimes[key] = runtime;
            }

            return runtime;
        }
    }

    public OAuth2TokenProvider TokensFor(string source, SourceAuthentication.OAuth2ClientCredentials credentials, Func<OAuth2TokenProvider> create)
    {
        var key = ConfigFingerprint.Of(source, credentials.TokenUri,
            ConfigFingerprint.OfSecret(credentials.ClientId.Reveal()), ConfigFingerprint.OfSecret(credentials.ClientSecret.Reveal()));
        lock (_gate)
        {
            if (!_tokens.TryGetValue(key, out var tokens))
            {
                tokens = create();
                _tokens[key] = tokens;
            }

            return tokens;
        }
    }

    /// <summary>
    /// Forgets the state none of <paramref name="live"/> uses, and disposes it: the caller makes sure no
    /// request still holds a snapshot that used it.
    /// </summary>
    /// <returns>How many sources' runtimes were released.</returns>
    public int Release(IEnumerable<GatewaySnapshot> live)
    {
        var clients = live.SelectMany(snapshot => snapshot.Clients.Values).ToList();
        var runtimes = clients.Select(client => client.Runtime).ToHashSet(ReferenceEqualityComparer.Instance);
        var tokens = clients.Select(client => client.Tokens).OfType<OAuth2TokenProvider>().ToHashSet(ReferenceEqualityComparer.Instance);
        List<SourceRuntime> released;
        lock (_gate)
        {
            released = Forget(_runtimes, runtimes);
            Forget(_tokens, tokens);
        }

        foreach (var runtime in released)
        {
            runtime.Resilience.Dispose();
        }

        return released.Count;
    }

    private static List<T> Forget<T>(Dictionary<string, T> entries, HashSet<object?> used)
        where T : class
    {
        var unused = entries.Where(entry => !used.Contains(entry.Value)).ToList();
        foreach (var (key, _) in unused)
        {
            entries.Remove(key);
        }

        return unused.ConvertAll(entry => entry.Value);
    }
}
