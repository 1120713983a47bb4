using System.Text;
using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class CancellationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Post_ClientDisconnectsDuringExecution_StopsQuietly()
    {
        await using var host = await GraphQLHttpHost.StartAsync();
        using var disconnect = new CancellationTokenSource();

        var sending = host.Client.PostAsync(GraphQLHttpHost.Path, GraphQLHttpHost.Json("""{"query":"{ slow }"}"""), disconnect.Token);
        await host.Probe.SlowStarted.Task.WaitAsync(Patience);
        var execution = host.Probe.LastExecution!;
        await disconnect.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var thrown = await host.Probe.PipelineEnded.Task.WaitAsync(Patience);
        Assert.Null(thrown);
        Assert.True(execution.Options.CancellationToken.IsCancellationRequested);
        Assert.DoesNotContain(host.Logs.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task HandleAsync_RequestAlreadyAborted_ReturnsWithoutThrowing()
    {
        await using var host = await GraphQLHttpHost.StartAsync();
        using var scope = host.Services.CreateScope();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = aborted.Token };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"query":"{ hello }"}"""));
        context.Response.Body = new MemoryStream();
        var handler = host.Services.GetRequiredService<GraphQLHttpHandler>();

        await handler.HandleAsync(context);

        Assert.Equal(0, context.Response.Body.Length);
        Assert.Contains(host.Logs.Entries, entry => entry.Message.Contains("client disconnected", StringComparison.Ordinal));
    }
}
