using System.Globalization;
using OpenTelemetry.Metrics;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>One exported point of an instrument, with its tags as text.</summary>
public sealed record MetricPointValue(string Instrument, IReadOnlyDictionary<string, string> Tags, double Value, long Count)
{
    /// <summary>Every point of every instrument in <paramref name="snapshots"/>: sums, gauges, and histograms (value = sum).</summary>
    public static IReadOnlyList<MetricPointValue> From(IEnumerable<MetricSnapshot> snapshots) =>
        snapshots.SelectMany(snapshot => snapshot.MetricPoints.Select(point => Of(snapshot, point))).ToList();

    public string Tag(string name) => Tags.GetValueOrDefault(name) ?? "";

    private static MetricPointValue Of(MetricSnapshot snapshot, MetricPoint point)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        }

        return snapshot.MetricType switch
        {
            MetricType.Histogram => new(snapshot.Name, tags, point.GetHistogramSum(), point.GetHistogramCount()),
            MetricType.LongSum or MetricType.LongSumNonMonotonic => new(snapshot.Name, tags, point.GetSumLong(), 1),
            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => new(snapshot.Name, tags, point.GetSumDouble(), 1),
            MetricType.LongGauge => new(snapshot.Name, tags, point.GetGaugeLastValueLong(), 1),
            MetricType.DoubleGauge => new(snapshot.Name, tags, point.GetGaugeLastValueDouble(), 1),
            _ => new(snapshot.Name, tags, double.NaN, 0),
        };
    }
}
