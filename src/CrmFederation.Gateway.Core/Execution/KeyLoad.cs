using System.Text.Json;
using GraphQL.DataLoader;

namespace CrmFederation.Gateway.Execution;

/// <summary>The pending answer for one key: the items that matched it, empty when the source omitted it.</summary>
public sealed class KeyLoad(BatchLoader.Batch batch, string key) : IDataLoaderResult<IReadOnlyList<JsonElement>>
{
    public async Task<IReadOnlyList<JsonElement>> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await batch.Dispatch().WaitAsync(cancellationToken);
        return outcome.For(key);
    }

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken);
}
