using System.Collections.Concurrent;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>
/// A real HTTP server (<see cref="LoopbackHttpServer"/>) playing a misbehaving source: each request is
/// answered by the test's handler, which may trickle or send compressed bytes, neither of which
/// WireMock can (it writes a body only whole). It counts requests, notes the answers the caller cut
/// off by closing the connection, and the connections requests came on. A request
/// for the key <see cref="WarmUpKey"/> is answered with no items and not counted, so that a test can
/// warm the gateway up, or see whether it still holds a connection.
/// </summary>
public sealed class HostileUpstream : IAsyncDisposable
{
    public const string WarmUpKey = "warm-up";

    private readonly Func<HttpContext, HostileUpstream, Task> _answer;
    private readonly ConcurrentQueue<string> _connections = new();
    private readonly TaskCompletionSource _cutOff = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private LoopbackHttpServer? _server;

    private HostileUpstream(Func<HttpContext, HostileUpstream, Task> answer) => _answer = answer;

    public string Url => _server!.Url;

    /// <summary>Requests answered by the test's handler.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The connection of every request, warm-ups included, in arrival order.</summary>
    public IReadOnlyList<string> Connections => _connections.ToList();

    /// <summary>The Accept-Encoding of the last request the handler answered.</summary>
    public string LastAcceptEncoding { get; private set; } = "";

    /// <summary>Completes once the caller has closed a connection while an answer was still being sent on it.</summary>
    public Task CallerCutOff => _cutOff.Task.WaitAsync(WireGate.HangGuard);

    public static async Task<HostileUpstream> StartAsync(Func<HttpContext, HostileUpstream, Task> answer)
    {
        var upstream = new HostileUpstream(answer);
        upstream._server = await LoopbackHttpServer.StartAsync(upstream.AnswerAsync);
        return upstream;
    }

    /// <summary>Sends <paramref name="bytes"/> as (part of) the body, at once.</summary>
    public async Task SendAsync(HttpContext context, ReadOnlyMemory<byte> bytes)
    {
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _server!.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        _connections.Enqueue(context.Connection.Id);
        context.Response.ContentType = "application/json";
        if (context.Request.Query["customer_refs"] == WarmUpKey)
        {
            await context.Response.WriteAsync("""{"data":[]}""");
            return;
        }

        Interlocked.Increment(ref _requests);
        LastAcceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
        try
        {
            await _answer(context, this);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller closed the connection mid-answer: what the test may be waiting for.
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            _cutOff.TrySetResult();
        }
    }
}
