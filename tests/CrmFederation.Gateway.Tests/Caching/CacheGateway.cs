using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Http;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// One real gateway, in-process, in front of the fixture's sample systems, with its cache settings
/// given by the test. Given a cache clock, the item cache (and only it: <see cref="SourceItemCache"/>
/// takes its clock as a constructor argument) reads that clock, so entries age without waiting while
/// retries, timeouts, tokens and webhooks keep real time. Replacing the gateway's one
/// <see cref="TimeProvider"/> instead would also stop Polly's retry delays.
/// </summary>
public sealed class CacheGateway : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider? _cacheClock;
    private readonly CapturingLoggerProvider _log = new();

    public CacheGateway(IEnumerable<KeyValuePair<string, string?>> settings, TimeProvider? cacheClock)
    {
        // Later values win, as configuration sources do.
        foreach (var (name, value) in settings)
        {
            _settings[name] = value;
        }

        _cacheClock = cacheClock;
        Http = CreateClient();
        Client = new GraphQLClient(Http);
    }

    public HttpClient Http { get; }

    public GraphQLClient Client { get; }

    /// <summary>What the gateway logged (it logs nowhere else): at Warning or above, and Redis outage news down to Information.</summary>
    public IReadOnlyCollection<LogEntry> LogEntries => _log.Entries;

    /// <summary><see cref="LogEntries"/> one entry a line, for assertion messages.</summary>
    public string Log => string.Join("\n", _log.Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType().Name} {e.Exception?.Message}"));

    /// <summary>Posts <paramref name="body"/> to the purge endpoint with <paramref name="apiKey"/> (none when null).</summary>
    public async Task<HttpResponseMessage> PurgeAsync(object body, string? apiKey = DemoApiKeys.Admin)
    {
        using var http = apiKey is null ? DemoCallers.Unauthenticated(CreateClient()) : DemoCallers.Authenticate(CreateClient(), apiKey);
        return await http.PostAsJsonAsync("/admin/cache/purge", body);
    }

    /// <summary>Posts <paramref name="body"/> to the source's webhook, signed with <paramref name="secret"/> at <paramref name="signedAt"/> unless told otherwise.</summary>
    public async Task<HttpResponseMessage> WebhookAsync(string source, string body, string? secret, DateTimeOffset? signedAt = null, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + source)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            request.Headers.Add(SourceWebhook.TimestampHeader, timestamp);
            request.Headers.Add(SourceWebhook.SignatureHeader, signature ?? SourceWebhook.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A random Base64 key of 32 bytes, as <c>openssl rand -base64 32</c> makes.</summary>
    public static string NewEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        DemoCallers.Authenticate(client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_log).SetMinimumLevel(LogLevel.Warning)
            .AddFilter(typeof(RedisOutageLog).FullName, LogLevel.Information));
        if (_cacheClock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(provider => new SourceItemCache(
                provider.GetRequiredService<HybridCache>(),
                provider.GetRequiredService<IInvalidationBackplane>(),
                provider.GetRequiredService<CacheSettings>(),
                clock,
                provider.GetRequiredService<ILogger<SourceItemCache>>())));
        }
    }
}
