using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Reports failed source calls without flooding the log, the way <see cref="Caching.RedisOutageLog"/>
/// reports Redis: per source and error code, the first failure is a warning with its endpoint, HTTP status,
/// duration and attempts; later ones are counted into at most one summary line per <see cref="SummaryInterval"/>;
/// and the first success of a source after a logged failure says it answers again. A source that flaps
/// therefore logs at most two lines per code and interval.
/// </summary>
public sealed partial class SourceFailureLog(TimeProvider time, ILogger<SourceFailureLog> logger)
{
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SourceState> _sources = new(StringComparer.Ordinal);

    /// <summary>A call to <paramref name="source"/> succeeded.</summary>
    public void Succeeded(string source)
    {
        // Every successful call comes here: no lock while the source is answering.
        if (_sources.TryGetValue(source, out var state) && state.Failing)
        {
            state.Succeeded(time, logger);
        }
    }

    public void Failed(SourceCallFailure failure) =>
        _sources.GetOrAdd(failure.Source, static source => new SourceState(source)).Failed(failure, time, logger);

    private static long WholeSeconds(TimeSpan duration) => (long)Math.Round(duration.TotalSeconds);

    private static long Milliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds);

    [LoggerMessage(1, LogLevel.Warning,
        "Source {Source} failed: {Code} at endpoint {Endpoint} (HTTP {HttpStatus}, {DurationMs} ms, {Attempts} attempts); further {Code} failures of {Source} are summarised")]
    private static partial void LogFailed(ILogger logger, string source, string code, string endpoint, int? httpStatus, long durationMs, int attempts);

    [LoggerMessage(2, LogLevel.Warning,
        "Source {Source} is still failing with {Code}: {Failures} failed calls in the last {Seconds} s, the latest at endpoint {Endpoint} (HTTP {HttpStatus}, {DurationMs} ms, {Attempts} attempts)")]
    private static partial void LogStillFailing(ILogger logger, string source, string code, long failures, long seconds, string endpoint, int? httpStatus, long durationMs, int attempts);

    [LoggerMessage(3, LogLevel.Information, "Source {Source} answers again after {Seconds} s failing ({Failures} failed calls)")]
    private static partial void LogAnswersAgain(ILogger logger, string source, long seconds, long failures);

    /// <summary>One source's failures since it last answered, and when each of its codes was last logged.</summary>
    private sealed class SourceState(string source)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (DateTimeOffset? LastLine, long Unlogged)> _codes = new(StringComparer.Ordinal);
        private volatile bool _failing;
        private bool _failureLogged;
        private DateTimeOffset _failingSince;
        private long _failures;

        public bool Failing => _failing;

        public void Succeeded(TimeProvider time, ILogger logger)
        {
            lock (_gate)
            {
                if (!_failing)
                {
                    return;
                }

                _failing = false;
                if (_failureLogged)
                {
                    _failureLogged = false;
                    LogAnswersAgain(logger, source, WholeSeconds(time.GetUtcNow() - _failingSince), _failures);
                }
            }
        }

        public void Failed(SourceCallFailure failure, TimeProvider time, ILogger logger)
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (!_failing)
                {
                    _failing = true;
                    _failingSince = now;
                    _failures = 0;
                }

                _failures++;
                _codes.TryGetValue(failure.Code, out var code);

                // Lines of a code stay an interval apart, across recoveries too, so that a flapping source cannot flood the log.
                if (code.LastLine is { } last && now - last < SummaryInterval)
                {
                    _codes[failure.Code] = (last, code.Unlogged + 1);
                    return;
                }

                var duration = Milliseconds(failure.Duration);
                if (code.LastLine is { } previous && code.Unlogged > 0)
                {
                    LogStillFailing(logger, failure.Source, failure.Code, code.Unlogged + 1, WholeSeconds(now - previous),
                        failure.Endpoint, failure.HttpStatus, duration, failure.Attempts);
                }
                else
                {
                    LogFailed(logger, failure.Source, failure.Code, failure.Endpoint, failure.HttpStatus, duration, failure.Attempts);
                }

                _failureLogged = true;
                _codes[failure.Code] = (now, 0);
            }
        }
    }
}
