using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Sources;

/// <summary>
/// A failing source at high traffic fails every call to it: per source and error code the log gets the
/// first failure with its figures, then at most one summary per interval, and one line when it answers again.
/// </summary>
public sealed class SourceFailureLogTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeLogger<SourceFailureLog> _logger = new();
    private readonly SourceFailureLog _failures;

    public SourceFailureLogTests()
    {
        _failures = new SourceFailureLog(_time, _logger);
    }

    private IReadOnlyList<FakeLogRecord> Lines => _logger.Collector.GetSnapshot();

    [Fact]
    public void FirstFailure_OneWarningWithSourceEndpointCodeStatusDurationAndAttempts()
    {
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503, attempts: 3));

        var line = Assert.Single(Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(
            ("erp", "accountsByCrmRef", SourceErrorCode.Unavailable, "503", "1250", "3"),
            (line.GetStructuredStateValue("Source"), line.GetStructuredStateValue("Endpoint"), line.GetStructuredStateValue("Code"),
                line.GetStructuredStateValue("HttpStatus"), line.GetStructuredStateValue("DurationMs"), line.GetStructuredStateValue("Attempts")));
        Assert.Equal(
            "Source erp failed: SOURCE_UNAVAILABLE at endpoint accountsByCrmRef (HTTP 503, 1250 ms, 3 attempts); further SOURCE_UNAVAILABLE failures of erp are summarised",
            line.Message);
    }

    [Fact]
    public void ThousandFailuresWithinTheInterval_OneWarning()
    {
        for (var i = 0; i < 1000; i++)
        {
            _failures.Failed(Failure("erp", SourceErrorCode.Timeout, null));
            _time.Advance(TimeSpan.FromMilliseconds(29));
        }

        Assert.Single(Lines);
    }

    [Fact]
    public void FailuresGoingOn_OneSummaryPerInterval_CountingTheUnloggedOnes()
    {
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));
        for (var i = 0; i < 99; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
            _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));
        }

        _time.Advance(SourceFailureLog.SummaryInterval - TimeSpan.FromMilliseconds(99 * 300));
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 500));
        _time.Advance(TimeSpan.FromSeconds(10));
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));

        Assert.Equal(2, Lines.Count);
        var summary = Lines[1];
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Equal(("100", "30", "500"), (summary.GetStructuredStateValue("Failures"), summary.GetStructuredStateValue("Seconds"), summary.GetStructuredStateValue("HttpStatus")));
        Assert.StartsWith("Source erp is still failing with SOURCE_UNAVAILABLE: 100 failed calls in the last 30 s", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCodesAndTwoSources_EachHasItsFirstLine()
    {
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));
        _failures.Failed(Failure("erp", SourceErrorCode.BadResponse, null));
        _failures.Failed(Failure("crm", SourceErrorCode.Unavailable, 503));
        _failures.Failed(Failure("erp", SourceErrorCode.BadResponse, null));

        Assert.Equal(
            [("erp", SourceErrorCode.Unavailable), ("erp", SourceErrorCode.BadResponse), ("crm", SourceErrorCode.Unavailable)],
            Lines.Select(l => (l.GetStructuredStateValue("Source"), l.GetStructuredStateValue("Code"))));
    }

    [Fact]
    public void SourceAnswersAfterALoggedFailure_OneInformationLine()
    {
        _failures.Succeeded("erp");
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));
        _time.Advance(TimeSpan.FromSeconds(5));
        _failures.Failed(Failure("erp", SourceErrorCode.Timeout, null));
        _time.Advance(TimeSpan.FromSeconds(7));

        _failures.Succeeded("erp");
        _failures.Succeeded("erp");
        _failures.Succeeded("crm");

        Assert.Equal([LogLevel.Warning, LogLevel.Warning, LogLevel.Information], Lines.Select(l => l.Level));
        var back = Lines[2];
        Assert.Equal(("erp", "12", "2"), (back.GetStructuredStateValue("Source"), back.GetStructuredStateValue("Seconds"), back.GetStructuredStateValue("Failures")));
        Assert.Equal("Source erp answers again after 12 s failing (2 failed calls)", back.Message);
    }

    /// <summary>A flapping source (a failure now and then while it answers) must not log a pair of lines per flap.</summary>
    [Fact]
    public void SourceFlapping_AtMostAWarningAndABackLinePerInterval()
    {
        for (var i = 0; i < 100; i++)
        {
            _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));
            _failures.Succeeded("erp");
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        _time.Advance(SourceFailureLog.SummaryInterval);
        _failures.Failed(Failure("erp", SourceErrorCode.Unavailable, 503));

        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], Lines.Select(l => l.Level));
        Assert.Equal("100", Lines[2].GetStructuredStateValue("Failures"));
    }

    private static SourceCallFailure Failure(string source, string code, int? status, int attempts = 1) =>
        new(source, source == "erp" ? "accountsByCrmRef" : "customersById", code, status, TimeSpan.FromMilliseconds(1250.4), attempts);
}
