using WireMock;
using WireMock.ResponseBuilders;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// Holds a WireMock server's answers until the test opens the gate, and tells the test when a given
/// number of requests are being held. Lets tests observe "in flight" without sleeping or timing.
/// </summary>
public sealed class WireGate(int expectedArrivals = 1) : IDisposable
{
    /// <summary>Only guards against a hang when the code under test never sends what the test waits for.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>How many requests have reached the gate.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Completes once <c>expectedArrivals</c> requests are held at the same time (none is answered before the gate opens).</summary>
    public Task Arrived => _arrived.Task.WaitAsync(HangGuard);

    /// <summary>An answer that waits at the gate, then sends <paramref name="body"/>'s result with <paramref name="status"/>.</summary>
    public IResponseBuilder Hold(Func<IRequestMessage, string> body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(async request =>
        {
            if (Interlocked.Increment(ref _held) >= expectedArrivals)
            {
                _arrived.TrySetResult();
            }

            await _open.Task;
            return body(request);
        });

    public void Open() => _open.TrySetResult();

    public void Dispose() => Open();
}
