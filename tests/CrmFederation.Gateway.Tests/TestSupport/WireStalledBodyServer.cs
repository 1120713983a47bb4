using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel on a loopback port) that answers 200 with its headers and the start of a
/// JSON body at once, then stops sending until it is disposed. WireMock writes a body only whole, so it
/// cannot play a source whose body stalls.
/// </summary>
public sealed class WireStalledBodyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WireStalledBodyServer(WebApplication app) => _app = app;

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<WireStalledBodyServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new WireStalledBodyServer(builder.Build());
        server._app.Run(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"results":[""");
            await context.Response.Body.FlushAsync();
            await server._release.Task;
            await context.Response.WriteAsync("]}");
        });
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }
}
