using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using GraphQL.DI;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// The real gateway over a copy of the sample gateway-config, its access.json edited by the test. No
/// source is called (requests ask for <c>__typename</c>); logs are captured down to Trace, and the
/// principal of every GraphQL request is recorded.
/// </summary>
public sealed class AccessGateway : IAsyncDisposable
{
    public const string Query = "{ __typename }";

    private readonly ConfigSandbox _config;
    private readonly ObservedGateway _gateway;
    private readonly HttpClient _http;

    private AccessGateway(ConfigSandbox config, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        _config = config;
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Gateway:ConfigPath"] = config.Directory, ["Gateway:Cache:Enabled"] = "false" };
        foreach (var (name, value) in ConfigSandbox.SampleVariables.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).Concat(settings))
        {
            all[name] = value;
        }

        _gateway = new ObservedGateway(all, services => services.AddSingleton<IConfigureExecution>(Callers));
        _http = DemoCallers.Unauthenticated(_gateway.CreateClient());
    }

    public CallerRecorder Callers { get; } = new();

    public LogCapture Logs => _gateway.Logs;

    public IServiceProvider Services => _gateway.Services;

    /// <summary>The gateway over the sample config as edited by <paramref name="edit"/>, with the sample variables overridden by <paramref name="settings"/>.</summary>
    public static AccessGateway Start(Func<ConfigSandbox, ConfigSandbox>? edit = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var config = ConfigSandbox.CopyOfSample();
        return new AccessGateway(edit?.Invoke(config) ?? config, settings ?? []);
    }

    /// <summary>Posts <see cref="Query"/> to <paramref name="path"/> (a GET for paths other than /graphql, unless <paramref name="post"/>) with the given credentials.</summary>
    public async Task<AccessResponse> SendAsync(
        string? apiKey = null, string? bearer = null, string? authorization = null, string path = "/graphql", string? accept = null, bool post = false)
    {
        using var request = path == "/graphql" || post
            ? new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { query = Query }) }
            : new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await _http.SendAsync(request);
        return await AccessResponse.ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        _config.Dispose();
    }
}
