using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.ResponseBuilders;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// A WireMock answer that counts the requests reaching it as they arrive (WireMock's own log only
/// lists a request once it is answered) and holds the ones the test chooses until it releases them.
/// The test can wait for the n-th arrival, which is how it knows a call is in flight without timing.
/// </summary>
public sealed class WireTurnstile(Func<int, bool> holds) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, TaskCompletionSource> _awaited = [];
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrivals;

    /// <summary>Holds every request until <see cref="Release"/>.</summary>
    public static WireTurnstile HoldAll() => new(_ => true);

    /// <summary>Holds only the first request; later ones are answered at once.</summary>
    public static WireTurnstile HoldFirst() => new(arrival => arrival == 1);

    /// <summary>Requests that have reached the answer so far, held or not.</summary>
    public int Arrivals
    {
        get
        {
            lock (_gate)
            {
                return _arrivals;
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived.</summary>
    public Task ArrivedAsync(int count)
    {
        lock (_gate)
        {
            if (_arrivals >= count)
            {
                return Task.CompletedTask;
            }

            if (!_awaited.TryGetValue(count, out var signal))
            {
                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _awaited[count] = signal;
            }

            return signal.Task.WaitAsync(WireGate.HangGuard);
        }
    }

    /// <summary>A 200 answer with <paramref name="json"/> as its body, sent once the request is not (or no longer) held.</summary>
    public IResponseBuilder Answer(string json) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(async _ =>
        {
            int arrival;
            lock (_gate)
            {
                arrival = ++_arrivals;
                foreach (var reached in _awaited.Where(pair => pair.Key <= arrival).ToList())
                {
                    reached.Value.TrySetResult();
                    _awaited.Remove(reached.Key);
                }
            }

            if (holds(arrival))
            {
                await _release.Task;
            }

            return json;
        });

    public void Release() => _release.TrySetResult();

    public void Dispose() => Release();
}
