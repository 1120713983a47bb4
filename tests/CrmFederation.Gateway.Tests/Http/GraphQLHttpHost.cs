using System.Security.Claims;
using System.Text;
using CrmFederation.Gateway.Http;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// A real ASP.NET Core pipeline on TestServer with the endpoint at <c>/graphql</c> over
/// <see cref="TestSchema"/>. The schema reaches GraphQL.NET the way the gateway's does: through the
/// execution pipeline (IConfigureExecution), never through the endpoint.
/// </summary>
public sealed class GraphQLHttpHost : IAsyncDisposable
{
    public const string Path = "/graphql";

    /// <summary>Test-only header the pipeline turns into <see cref="HttpContext.User"/>.</summary>
    public const string UserHeader = "X-Test-User";

    private readonly WebApplication _app;

    private GraphQLHttpHost(WebApplication app, CapturingLoggerProvider logs, HttpClient client)
    {
        _app = app;
        Logs = logs;
        Client = client;
    }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public TestProbe Probe => _app.Services.GetRequiredService<TestProbe>();

    /// <param name="configure">The endpoint's options.</param>
    /// <param name="kestrel">Kestrel on a free loopback port instead of TestServer, for server limits.</param>
    public static async Task<GraphQLHttpHost> StartAsync(Action<GraphQLHttpOptions>? configure = null, bool kestrel = false)
    {
        var builder = WebApplication.CreateSlimBuilder();

        // The gateway's appsettings.json, copied next to the tests by the project reference, must not set this host's log levels.
        foreach (var file in builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(file);
        }

        if (kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TestProbe>();
        builder.Services.AddSingleton<TestQuery>();
        builder.Services.AddSingleton<TestMutation>();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSystemTextJson()
            .ConfigureExecutionOptions(options => options.Schema = TestSchema.Instance)
            .ConfigureExecution((options, next) =>
            {
                var services = options.RequestServices!;
                var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext!;
                services.GetRequiredService<TestProbe>().LastExecution =
                    new ExecutionSnapshot(options, http.RequestServices, http.User, http.RequestAborted);
                return next(options);
            }));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddGraphQLHttp(configure);

        var app = builder.Build();
        app.Use(RecordPipeline);
        app.MapGraphQL(Path);
        await app.StartAsync();
        var client = kestrel ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) } : app.GetTestClient();
        return new GraphQLHttpHost(app, logs, client);
    }

    public static HttpContent Json(string json, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static string QueryString(string query, string? operationName = null, string? variables = null, string? extensions = null)
    {
        var url = new StringBuilder(Path).Append("?query=").Append(Uri.EscapeDataString(query));
        Append("operationName", operationName);
        Append("variables", variables);
        Append("extensions", extensions);
        return url.ToString();

        void Append(string name, string? value)
        {
            if (value is not null)
            {
                url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
    }

    public Task<GraphQLHttpResponse> PostAsync(string json, string? accept = null, string contentType = "application/json") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = Json(json, contentType) }, accept);

    /// <summary>A GET carrying the CSRF header, as a non-browser client would send it.</summary>
    public Task<GraphQLHttpResponse> GetAsync(string pathAndQuery, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        return SendAsync(request, accept);
    }

    public async Task<GraphQLHttpResponse> SendAsync(HttpRequestMessage request, string? accept = null)
    {
        using (request)
        {
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await Client.SendAsync(request);
            return await GraphQLHttpResponse.ReadAsync(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Sets the test user, and records how the endpoint's pipeline ended.</summary>
    private static async Task RecordPipeline(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers[UserHeader] is [{ Length: > 0 } name])
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));
        }

        var probe = context.RequestServices.GetRequiredService<TestProbe>();
        try
        {
            await next(context);
            probe.PipelineEnded.TrySetResult(null);
        }
        catch (Exception ex)
        {
            probe.PipelineEnded.TrySetResult(ex);
            throw;
        }
    }
}
