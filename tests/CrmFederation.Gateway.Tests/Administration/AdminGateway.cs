using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>
/// The real gateway in-process over a temp copy of gateway-config and a temp state directory, with helpers for
/// the admin API; its sources are at addresses nothing answers (the admin API never calls them). A restart is
/// a new gateway over the same directories.
/// </summary>
public sealed class AdminGateway : IDisposable
{
    private readonly WebApplicationFactory<Program> _gateway;

    private AdminGateway(ConfigSandbox config, string stateDirectory)
    {
        Config = config;
        StateDirectory = stateDirectory;
        _gateway = SandboxGateway.Start(config, new KeyValuePair<string, string?>("Gateway:StateDirectory", stateDirectory))
            .WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(Log)));
        Http = DemoCallers.Authenticate(_gateway.CreateClient());
    }

    public ConfigSandbox Config { get; }

    public string StateDirectory { get; }

    public HttpClient Http { get; }

    public CapturingLoggerProvider Log { get; } = new();

    public static AdminGateway Start() =>
        new(ConfigSandbox.CopyOfSample(), Path.Combine(Path.GetTempPath(), "crmfed-state-" + Guid.NewGuid().ToString("N")));

    /// <summary>Stops this gateway and starts another over the same config and state directories.</summary>
    public AdminGateway Restart()
    {
        _gateway.Dispose();
        return new AdminGateway(Config, StateDirectory);
    }

    public async Task<(string Version, JsonElement Body)> GetConfigAsync()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/admin/config");
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("version").GetString()!, body);
    }

    /// <summary>The live text of one config file, from GET /admin/config.</summary>
    public async Task<string> LiveFileAsync(string path)
    {
        var (_, body) = await GetConfigAsync();
        return body.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == path).GetProperty("content").GetString()!;
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Runs a query with the admin key; its answer's body.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLHttpHost.Json(JsonSerializer.Serialize(new { query, variables })) };
        request.Headers.Add("Accept", "application/graphql-response+json");
        using var response = await Http.SendAsync(request);
        return (await GraphQLHttpResponse.ReadAsync(response)).Body;
    }

    public void Dispose()
    {
        _gateway.Dispose();
        Http.Dispose();
        Config.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
