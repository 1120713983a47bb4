using GraphQL;
using GraphQL.DI;
using GraphQL.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// OpenTelemetry for traces, metrics and logs. Nothing is exported unless the standard OTEL_*
/// variables name an endpoint (OTLP); in-memory exporters can be attached by tests.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// With nowhere to send spans the gateway records none of its own (about twenty per customer-360
    /// request, for nothing), but follows a caller that samples its trace, so the trace still reaches the sources.
    /// </summary>
    private static readonly Sampler NotExporting = new ParentBasedSampler(new AlwaysOffSampler());

    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddLogging(logging => logging
            .Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId)

            // "Request starting GET /graphql?query=…&variables=…" would log keys and values sent by GET.
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        var exporting = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "crmfed-gateway"))
            .WithTracing(tracing => tracing
                .SetSampler(exporting ? new ParentBasedSampler(new AlwaysOnSampler()) : NotExporting)
                .AddSource(GatewayActivitySource.Name, GraphQLTelemetryProvider.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    // Keys travel in query strings; spans keep the endpoint, never the keys.
                    if (request.RequestUri is { } uri)
                    {
                        activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                    }
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging();

        if (exporting)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>GraphQL.NET's own operation span, with a hash of the document instead of its text (which can hold literal keys).</summary>
    public static IGraphQLBuilder UseGatewayTelemetry(this IGraphQLBuilder builder) =>
        builder.UseTelemetry(options =>
        {
            options.RecordDocument = false;
            options.EnrichWithExecutionOptions = (activity, execution) =>
            {
                if (execution.Query is { } query)
                {
                    activity.SetTag("graphql.document.hash", DocumentHash(query));
                }
            };
        });

    public static string DocumentHash(string query) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(query)))[..16];
}
