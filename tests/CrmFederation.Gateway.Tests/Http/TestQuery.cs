using GraphQL;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>Resolvers of the test schema's Query; GraphQL.NET resolves them from the request's services.</summary>
[GraphQLMetadata("Query")]
public sealed class TestQuery(TestProbe probe)
{
    /// <summary>What <see cref="Boom"/> throws; it must never reach a response.</summary>
    public const string Secret = "connection string Password=hunter2";

    public string Hello(string? name) => $"Hello, {name ?? "world"}!";

    public string? Boom() => throw new InvalidOperationException(Secret);

    public string? Whoami(IResolveFieldContext context) => context.User?.Identity?.Name;

    public string? Tag(IResolveFieldContext context) =>
        context.InputExtensions.TryGetValue("tag", out var tag) ? tag?.ToString() : null;

    /// <summary>Never finishes on its own: it waits for the request to be aborted.</summary>
    public async Task<string?> Slow(IResolveFieldContext context)
    {
        probe.SlowStarted.TrySetResult();
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return null;
    }
}
