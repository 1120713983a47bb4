using CrmFederation.Gateway.Telemetry;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// The operation types the gateway's query-only schema never executes, tagged as OpenTelemetry's
/// GraphQL conventions name them, read from a private meter factory so other gateways' measurements
/// running in parallel do not mix in.
/// </summary>
public sealed class OperationTypeTagTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("query Q { a }", "query")]
    [InlineData("mutation M { a }", "mutation")]
    [InlineData("subscription S { a }", "subscription")]
    public void OperationEnded_ChosenOperation_TaggedWithItsType(string document, string expectedType)
    {
        var meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, GatewayMetrics.MeterName, "crmfed.operation.duration");
        var metrics = new GatewayMetrics(meters);
        var operation = GraphQLParser.Parser.Parse(document).Definitions.OfType<GraphQLOperationDefinition>().Single();

        metrics.OperationStarted();
        metrics.OperationEnded(TimeSpan.FromMilliseconds(3), new ExecutionResult { Operation = operation });

        var measurement = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal(expectedType, measurement.Tags["graphql.operation.type"]);
        Assert.Equal(false, measurement.Tags["graphql.errors"]);
    }
}
