using CrmFederation.Gateway.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// A Redis outage at high traffic fails every cache read and write at once: the log gets its first
/// failure with a reason, then at most one line per interval, and one line when Redis is back.
/// </summary>
public sealed class RedisOutageLogTests
{
    /// <summary>What StackExchange.Redis puts in its messages with detail on: a key name.</summary>
    private const string KeyName = "crmfed:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeLogger<RedisOutageLog> _logger = new();
    private readonly RedisOutageLog _outages;

    public RedisOutageLogTests()
    {
        _outages = new RedisOutageLog(_time, _logger);
    }

    private IReadOnlyList<FakeLogRecord> Lines => _logger.Collector.GetSnapshot();

    [Fact]
    public void ThousandFailuresWithinTheInterval_OneWarningWithTheReason()
    {
        for (var i = 0; i < 1000; i++)
        {
            _outages.Failed(Unreachable());
            _time.Advance(TimeSpan.FromMilliseconds(29));
        }

        var line = Assert.Single(Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("connection SocketFailure", line.GetStructuredStateValue("Reason"));
        Assert.StartsWith("Redis is unavailable (connection SocketFailure)", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailuresGoingOn_OneSummaryPerInterval_CountingTheUnloggedOnes()
    {
        _outages.Failed(Unreachable());
        for (var i = 0; i < 99; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(300));
            _outages.Failed(Unreachable());
        }

        _time.Advance(RedisOutageLog.SummaryInterval - TimeSpan.FromMilliseconds(99 * 300));
        _outages.Failed(new RedisTimeoutException("Timeout performing HMGET " + KeyName, CommandStatus.Sent));
        _time.Advance(TimeSpan.FromSeconds(10));
        _outages.Failed(Unreachable());

        Assert.Equal(2, Lines.Count);
        var summary = Lines[1];
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Equal(("timeout", "100", "30"), (summary.GetStructuredStateValue("Reason"), summary.GetStructuredStateValue("Failures"), summary.GetStructuredStateValue("Seconds")));
    }

    [Fact]
    public void RedisAnswersAfterALoggedOutage_OneInformationLine()
    {
        _outages.Succeeded();
        _outages.Failed(Unreachable());
        _time.Advance(TimeSpan.FromSeconds(5));
        _outages.Failed(Unreachable());
        _time.Advance(TimeSpan.FromSeconds(7));

        _outages.Succeeded();
        _outages.Succeeded();

        Assert.Equal([LogLevel.Warning, LogLevel.Information], Lines.Select(l => l.Level));
        var back = Lines[1];
        Assert.Equal(("12", "2"), (back.GetStructuredStateValue("Seconds"), back.GetStructuredStateValue("Failures")));
        Assert.StartsWith("Redis answers again", back.Message, StringComparison.Ordinal);
    }

    /// <summary>A flapping Redis (a timeout now and then while it answers) must not log a pair of lines per flap.</summary>
    [Fact]
    public void RedisFlapping_AtMostAWarningAndABackLinePerInterval()
    {
        for (var i = 0; i < 100; i++)
        {
            _outages.Failed(Unreachable());
            _outages.Succeeded();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        _time.Advance(RedisOutageLog.SummaryInterval);
        _outages.Failed(Unreachable());

        Assert.Equal([LogLevel.Warning, LogLevel.Information, LogLevel.Warning], Lines.Select(l => l.Level));
        Assert.Equal("100", Lines[2].GetStructuredStateValue("Failures"));
    }

    [Theory]
    [InlineData("connection")]
    [InlineData("timeout")]
    [InlineData("server")]
    [InlineData("other")]
    public void ExceptionMessageNamingAKey_ReasonWithoutIt(string kind)
    {
        Exception failure = kind switch
        {
            "connection" => new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection to service HMGET " + KeyName),
            "timeout" => new RedisTimeoutException("Timeout performing HMGET " + KeyName, CommandStatus.WaitingToBeSent),
            "server" => new RedisServerException("OOM command not allowed when used memory > 'maxmemory', key " + KeyName),
            _ => new InvalidOperationException("Failed on " + KeyName),
        };

        _outages.Failed(failure);

        var line = Assert.Single(Lines);
        Assert.DoesNotContain(KeyName, line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(line.StructuredState!, pair => pair.Value?.Contains(KeyName, StringComparison.Ordinal) == true);
        Assert.Null(line.Exception);
        Assert.Equal(
            kind switch { "connection" => "connection UnableToConnect", "timeout" => "timeout", "server" => "server error OOM", _ => "InvalidOperationException" },
            line.GetStructuredStateValue("Reason"));
    }

    /// <summary>While Redis is down, StackExchange.Redis fails a command with the connection's own failure inside.</summary>
    private static RedisConnectionException Unreachable() =>
        new(ConnectionFailureType.UnableToResolvePhysicalConnection, "No connection is active/available to service this operation: HMGET " + KeyName,
            new RedisConnectionException(ConnectionFailureType.SocketFailure, "SocketFailure on 127.0.0.1:6379/Interactive"));
}
