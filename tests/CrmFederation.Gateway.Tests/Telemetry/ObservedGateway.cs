using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// The real gateway in-process with in-memory trace and metric exporters attached to its own
/// OpenTelemetry pipeline, and every log entry down to Trace captured. Activity listeners are
/// process-wide, so spans of other gateways running in parallel also reach the exporter: tests send
/// their own <c>traceparent</c> and read only the spans of their traces.
/// </summary>
public sealed class ObservedGateway(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    private static readonly KeyValuePair<string, string?>[] TraceEverything =
    [
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        new("Logging:LogLevel:System.Net.Http.HttpClient", "Trace"),
    ];

    public RecordedCollection<Activity> Spans { get; } = new();

    public RecordedCollection<MetricSnapshot> Metrics { get; } = new();

    public LogCapture Logs { get; } = new();

    /// <summary>The gateway over the sample systems with their sample credentials, cache as <paramref name="cacheEnabled"/> says.</summary>
    public static ObservedGateway Over(
        RunningSampleSystems systems,
        bool cacheEnabled,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>(TestGatewayVariables.For(systems), StringComparer.OrdinalIgnoreCase)
        {
            ["Gateway:ConfigPath"] = RepositoryPaths.GatewayConfig,
            ["Gateway:Cache:Enabled"] = cacheEnabled ? "true" : "false",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return new ObservedGateway(settings, services);
    }

    /// <summary>Posts a GraphQL request as part of a new trace, and returns the response and that trace's id.</summary>
    public async Task<(JsonElement Response, ActivityTraceId Trace)> QueryAsync(string query, object? variables = null, HttpClient? http = null)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var client = http ?? CreateClient();
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
            return (JsonDocument.Parse(body).RootElement.Clone(), trace);
        }
        finally
        {
            if (http is null)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Sends a GraphQL GET (document and variables in the query string) as part of a new trace.</summary>
    public async Task<(JsonElement Response, ActivityTraceId Trace)> GetAsync(string query, string? variablesJson, HttpClient http)
    {
        var trace = ActivityTraceId.CreateRandom();
        var url = "/graphql?query=" + Uri.EscapeDataString(query) + (variablesJson is null ? "" : "&variables=" + Uri.EscapeDataString(variablesJson));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return (JsonDocument.Parse(body).RootElement.Clone(), trace);
    }

    /// <summary>The spans of <paramref name="trace"/> recorded so far.</summary>
    public IReadOnlyList<Activity> SpansOf(ActivityTraceId trace) => Spans.Snapshot().Where(span => span.TraceId == trace).ToList();

    /// <summary>Waits until the gateway's own ASP.NET Core span of <paramref name="trace"/> has ended, then returns all of the trace's spans.</summary>
    public async Task<IReadOnlyList<Activity>> CompletedSpansOfAsync(ActivityTraceId trace)
    {
        await Spans.WaitUntilAsync(spans => spans.Any(span => span.TraceId == trace && IsGatewayServerSpan(span)));
        return SpansOf(trace);
    }

    /// <summary>Collects every instrument now and returns the cumulative values since the gateway started.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        Metrics.Clear();
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(), "the meter provider did not flush");
        return Metrics.Snapshot();
    }

    /// <summary>The gateway's server span: an ASP.NET Core request span whose parent came from the test, not from a gateway client span.</summary>
    public static bool IsGatewayServerSpan(Activity span) =>
        span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore" && span.GetTagItem("url.path") is "/graphql";

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        DemoCallers.Authenticate(client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Every level the gateway's appsettings.json sets turned down to Trace (what an operator can do through
        // configuration); only the gateway's own filters in code, which keep values out of request logs, still apply.
        builder.ConfigureAppConfiguration(configuration => configuration
            .AddInMemoryCollection(TraceEverything)
            .AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(testServices =>
        {
            // As with an OTLP endpoint configured: the SDK's default sampler.
            testServices.ConfigureOpenTelemetryTracerProvider(tracing => tracing
                .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
                .AddInMemoryExporter(Spans));
            testServices.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            services?.Invoke(testServices);
        });
    }
}
