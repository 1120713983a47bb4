using CrmFederation.Gateway.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>A source's recent behaviour, as readiness reads it: "failing every call" looks at the last ten seconds.</summary>
public sealed class SourceStatisticsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Recent_NoCalls_NotFailingEveryCall()
    {
        Assert.False(new SourceStatistics(_time).Recent().FailingEveryCall);
    }

    [Fact]
    public void Recent_OneCallThatFailed_FailingEveryCall()
    {
        var statistics = new SourceStatistics(_time);

        statistics.RecordCall(TimeSpan.FromMilliseconds(5), failed: true);

        Assert.True(statistics.Recent().FailingEveryCall);
    }

    [Fact]
    public void Recent_AFailureThenASuccess_NotFailingEveryCall()
    {
        var statistics = new SourceStatistics(_time);
        statistics.RecordCall(TimeSpan.FromMilliseconds(5), failed: true);
        _time.Advance(TimeSpan.FromSeconds(2));

        statistics.RecordCall(TimeSpan.FromMilliseconds(5), failed: false);

        Assert.False(statistics.Recent().FailingEveryCall);
    }

    [Fact]
    public void Recent_FailuresTenSecondsOld_NoLongerFailingEveryCallButStillInTheMinute()
    {
        var statistics = new SourceStatistics(_time);
        statistics.RecordCall(TimeSpan.FromMilliseconds(5), failed: true);

        _time.Advance(TimeSpan.FromSeconds(10));
        var recent = statistics.Recent();

        Assert.False(recent.FailingEveryCall);
        Assert.Equal((1, 1.0), (recent.CallsLastMinute, recent.ErrorRate));
    }
}
