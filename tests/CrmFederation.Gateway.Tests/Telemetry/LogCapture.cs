using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// Keeps every log entry of a host as text: the rendered message, the exception, every structured
/// value of the state (an OTLP log exporter ships those as attributes even when the message omits
/// them) and every value of the enclosing scopes.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Values(object? state)
    {
        if (state is null)
        {
            yield break;
        }

        yield return state.ToString() ?? "";
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                yield return $"{key}={value}";
            }
        }
    }

    private sealed class Logger(string category, LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var texts = new List<string> { formatter(state, exception), eventId.Name ?? "" };
            texts.AddRange(Values(state));
            owner._scopes.ForEachScope((scope, list) => list.AddRange(Values(scope)), texts);
            if (exception is not null)
            {
                texts.Add(exception.ToString());
            }

            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            owner._entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), texts, values.DistinctBy(v => v.Key).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)));
        }
    }
}

/// <summary>One log entry: its message, every text it carries (state values, scopes, exception), and its structured values as logged.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<string> Texts, IReadOnlyDictionary<string, object?> Values);
