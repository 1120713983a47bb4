using System.Diagnostics;
using System.Globalization;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>Reads spans the way the tests ask about them.</summary>
public static class SpanTags
{
    public const string GatewaySource = "CrmFederation.Gateway";
    public const string GraphQLSource = "GraphQL";
    public const string HttpClientSource = "System.Net.Http";

    public static string? Text(this Activity span, string tag) => span.GetTagItem(tag) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    public static int Number(this Activity span, string tag) =>
        span.GetTagItem(tag) is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : throw new Xunit.Sdk.XunitException($"span '{span.DisplayName}' has no tag '{tag}'");

    public static IEnumerable<Activity> Named(this IEnumerable<Activity> spans, string prefix) =>
        spans.Where(span => span.Source.Name == GatewaySource && span.DisplayName.StartsWith(prefix, StringComparison.Ordinal));

    public static IEnumerable<Activity> ChildrenOf(this IEnumerable<Activity> spans, Activity parent) =>
        spans.Where(span => span.ParentSpanId == parent.SpanId);

    public static IEnumerable<Activity> HttpClientSpans(this IEnumerable<Activity> spans) =>
        spans.Where(span => span.Kind == ActivityKind.Client && span.Source.Name == HttpClientSource);

    public static Activity GraphQLSpan(this IEnumerable<Activity> spans) => Assert.Single(spans, span => span.Source.Name == GraphQLSource);
}
