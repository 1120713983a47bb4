using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>The demo API keys, as test clients send them.</summary>
public static class DemoCallers
{
    /// <summary>Makes <paramref name="client"/> send <paramref name="apiKey"/> (the demo admin key unless told otherwise) with every request.</summary>
    public static HttpClient Authenticate(HttpClient client, string apiKey = DemoApiKeys.Admin)
    {
        client.DefaultRequestHeaders.Remove(ApiKeyAuthenticationHandler.HeaderName);
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        return client;
    }

    /// <summary>Makes <paramref name="client"/> send no credentials.</summary>
    public static HttpClient Unauthenticated(HttpClient client)
    {
        client.DefaultRequestHeaders.Remove(ApiKeyAuthenticationHandler.HeaderName);
        return client;
    }
}
