using System.Diagnostics;

namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// The product's <see cref="ActivitySource"/>: one span per upstream batch and per source call, under
/// GraphQL.NET's own operation span. Tags name sources, endpoints and counts, never keys or values.
/// </summary>
public static class GatewayActivitySource
{
    public const string Name = "CrmFederation.Gateway";

    public static ActivitySource Source { get; } = new(Name);
}
