namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Builds each source's client: its resilience pipeline, then the auth handler for its scheme, on top
/// of one shared connection pool. Handlers are never disposed with a config snapshot: the pool outlives them.
/// </summary>
public sealed class SourceClientFactory(
    UpstreamConnectionPool pool,
    Resilience.SourceResilienceFactory resilience,
    TimeProvider time,
    Telemetry.GatewayMetrics? metrics = null,
    SourceFailureLog? failures = null)
{
    public SourceClientFactory(UpstreamConnectionPool pool, TimeProvider time)
        : this(pool, new Resilience.SourceResilienceFactory(time), time)
    {
    }

    public SourceClient Create(SourceDefinition source)
    {
        HttpMessageHandler pipeline = source.Authentication switch
        {
            SourceAuthentication.OAuth2ClientCredentials oauth => new OAuth2Handler(
                new OAuth2TokenProvider(source.Name, oauth, new HttpMessageInvoker(pool.Handler, disposeHandler: false), time))
            {
                InnerHandler = pool.Handler,
            },
            SourceAuthentication.None => pool.Handler,
            var other => new StaticCredentialsHandler(other) { InnerHandler = pool.Handler },
        };
        return new SourceClient(source, new HttpMessageInvoker(pipeline, disposeHandler: false), resilience.Create(source), time, metrics, failures);
    }
}
