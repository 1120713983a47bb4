using GraphQL.DataLoader;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A field value that waits on batched loads. GraphQL.NET collects every pending result of a level
/// before awaiting any, which is what lets a whole level's keys share one upstream call. Returning
/// another <see cref="IDataLoaderResult"/> from <paramref name="complete"/> defers to the next round, so
/// a two-hop join batches its second hop across all parents too.
/// </summary>
public sealed class DeferredResult(Func<CancellationToken, Task<object?>> complete) : IDataLoaderResult
{
    public Task<object?> GetResultAsync(CancellationToken cancellationToken = default) => complete(cancellationToken);
}
