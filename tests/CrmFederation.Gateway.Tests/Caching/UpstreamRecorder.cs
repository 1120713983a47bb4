using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// Records the URLs of the upstream requests the gateway sends to one sample system (by its
/// host and port, so other tests' gateways running in parallel are not mixed in), with their query
/// strings: HttpClient's diagnostic events carry the request itself, where spans keep only the path.
/// </summary>
public sealed class UpstreamRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string ListenerName = "HttpHandlerDiagnosticListener";
    private const string StartEvent = "System.Net.Http.HttpRequestOut.Start";

    private readonly string _authority;
    private readonly ConcurrentQueue<Uri> _requests = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _allListeners;

    public UpstreamRecorder(Uri system)
    {
        _authority = system.Authority;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Request URLs in the order they were sent.</summary>
    public IReadOnlyList<Uri> Requests => [.. _requests];

    /// <summary>The comma-separated values of <paramref name="parameter"/> in each request to <paramref name="path"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> KeysSent(string path, string parameter) =>
        Requests
            .Where(uri => uri.AbsolutePath == path)
            .Select(uri => (IReadOnlyList<string>)QueryValue(uri, parameter).Split(',', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == ListenerName)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, (name, _, _) => name.StartsWith("System.Net.Http.HttpRequestOut", StringComparison.Ordinal)));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == StartEvent
            && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { } uri }
            && uri.Authority == _authority)
        {
            _requests.Enqueue(uri);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static string QueryValue(Uri uri, string parameter) =>
        uri.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(parts => Uri.UnescapeDataString(parts[0]) == parameter)
            .Select(parts => parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "")
            .Single();
}
