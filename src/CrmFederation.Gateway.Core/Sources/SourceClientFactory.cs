using CrmFederation.Gateway.Resilience;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Builds each source's client for a config snapshot: the compiled source over its long-lived state from
/// the <see cref="SourceRuntimeRegistry"/> (resilience pipeline, OAuth2 token), and the auth handler for its
/// scheme, on top of one shared connection pool. Handlers are never disposed with a snapshot: the pool outlives them.
/// </summary>
public sealed class SourceClientFactory(
    UpstreamConnectionPool pool,
    SourceRuntimeRegistry runtimes,
    TimeProvider time,
    Telemetry.GatewayMetrics? metrics = null,
    SourceFailureLog? failures = null)
{
    public SourceClientFactory(UpstreamConnectionPool pool, TimeProvider time)
        : this(pool, new SourceRuntimeRegistry(new SourceResilienceFactory(time), time), time)
    {
    }

    public SourceClient Create(SourceDefinition source)
    {
        OAuth2TokenProvider? tokens = null;
        HttpMessageHandler pipeline = source.Authentication switch
        {
            SourceAuthentication.OAuth2ClientCredentials oauth => new OAuth2Handler(tokens = runtimes.TokensFor(source.Name, oauth, () =>
                new OAuth2TokenProvider(source.Name, oauth, new HttpMessageInvoker(pool.Handler, disposeHandler: false), time)))
            {
                InnerHandler = pool.Handler,
            },
            SourceAuthentication.None => pool.Handler,
            var other => new StaticCredentialsHandler(other) { InnerHandler = pool.Handler },
        };
        return new SourceClient(source, new HttpMessageInvoker(pipeline, disposeHandler: false), runtimes.RuntimeFor(source), time, metrics, failures, tokens);
    }
}
