using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// A real HTTP server that answers 200 with its headers and the start of a JSON body at once, then
/// stops sending until it is disposed. WireMock writes a body only whole, so it cannot play a source
/// whose body stalls.
/// </summary>
public sealed class WireStalledBodyServer : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackHttpServer? _server;

    private WireStalledBodyServer()
    {
    }

    public string Url => _server!.Url;

    public static async Task<WireStalledBodyServer> StartAsync()
    {
        var stalled = new WireStalledBodyServer();
        stalled._server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"results":[""");
            await context.Response.Body.FlushAsync();
            await stalled._release.Task;
            await context.Response.WriteAsync("]}");
        });
        return stalled;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _server!.DisposeAsync();
    }
}
