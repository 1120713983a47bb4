using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Caching;

/// <summary>
/// Reports Redis outages without flooding the log. Redis commands fail at once while it is down, so
/// at high traffic every cache read and write and every webhook replay check fails: the first failure
/// is logged with its reason, later ones are counted into at most one line per
/// <see cref="SummaryInterval"/>, and the first success after a logged failure says Redis is back.
/// The reason is a classification, never an exception message: those can name the keys involved.
/// </summary>
public sealed partial class RedisOutageLog(TimeProvider time, ILogger<RedisOutageLog> logger)
{
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private volatile bool _down;
    private bool _outageLogged;
    private DateTimeOffset _downSince;
    private long _outageFailures;
    private DateTimeOffset? _lastFailureLine;
    private long _unlogged;

    /// <summary>Redis answered (a miss is an answer).</summary>
    public void Succeeded()
    {
        // Every successful Redis command comes here: no lock while Redis is up.
        if (!_down)
        {
            return;
        }

        lock (_gate)
        {
            if (!_down)
            {
                return;
            }

            _down = false;
            if (_outageLogged)
            {
                _outageLogged = false;
                LogAvailableAgain(logger, WholeSeconds(time.GetUtcNow() - _downSince), _outageFailures);
            }
        }
    }

    /// <summary>A Redis command failed (unreachable, timed out, refused).</summary>
    public void Failed(Exception exception)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_down)
            {
                _down = true;
                _downSince = now;
                _outageFailures = 0;
            }

            _outageFailures++;

            // Also holds when Redis flaps (back, then down again within the interval): its
            // failures wait for the next line, so a flapping Redis logs at most two lines an interval.
            var last = _lastFailureLine;
            if (last is not null && now - last < SummaryInterval)
            {
                _unlogged++;
                return;
            }

            // Logged under the lock, so lines keep their order (never "back" before "down"); that
            // holds the lock for logging at most once an interval.
            if (last is { } previous && (_outageLogged || _unlogged > 0))
            {
                LogStillFailing(logger, ReasonOf(exception), _unlogged + 1, WholeSeconds(now - previous));
            }
            else
            {
                LogUnavailable(logger, ReasonOf(exception));
            }

            _outageLogged = true;
            _lastFailureLine = now;
            _unlogged = 0;
        }
    }

    private static string ReasonOf(Exception exception) => exception switch
    {
        RedisConnectionException { InnerException: RedisConnectionException cause } => "connection " + cause.FailureType,
        RedisConnectionException connection => "connection " + connection.FailureType,
        RedisTimeoutException => "timeout",

        // Redis errors start with their code (NOAUTH, OOM, READONLY, LOADING, ERR…).
        RedisServerException server => "server error " + server.Message.Split(' ', 2)[0],
        _ => exception.GetType().Name,
    };

    private static long WholeSeconds(TimeSpan duration) => (long)Math.Round(duration.TotalSeconds);

    [LoggerMessage(1, LogLevel.Warning,
        "Redis is unavailable ({Reason}): until it answers, the shared cache reads as a miss and skips writes, and each instance checks webhook replays and applies the sources' rate limits on its own; further failures are summarised")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Redis commands are still failing ({Reason}): {Failures} failed in the last {Seconds} s")]
    private static partial void LogStillFailing(ILogger logger, string reason, long failures, long seconds);

    [LoggerMessage(3, LogLevel.Information, "Redis answers again after {Seconds} s unavailable ({Failures} failed commands)")]
    private static partial void LogAvailableAgain(ILogger logger, long seconds, long failures);
}
