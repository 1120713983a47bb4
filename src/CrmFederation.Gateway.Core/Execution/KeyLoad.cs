using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>The pending answer for one key: the items that matched it, empty when the source omitted it.</summary>
public sealed class KeyLoad(BatchLoader.Batch batch, string key)
{
    public string Key { get; } = key;

    public BatchLoader.Batch Batch { get; } = batch;

    /// <summary>
    /// Sends the key's batch if nobody has yet. Cancellation is the batch's own (the request's token),
    /// so a waiting key needs no registration of its own.
    /// </summary>
    public Task<BatchOutcome> Dispatch() => Batch.Dispatch();

    /// <summary>The key's items; synchronous once the batch has answered.</summary>
    public ValueTask<IReadOnlyList<JsonElement>> GetResultAsync()
    {
        var completion = Dispatch();
        return completion.IsCompletedSuccessfully && completion.Result.TryGet(Key, out var items)
            ? new ValueTask<IReadOnlyList<JsonElement>>(items)
            : AwaitAsync(completion);
    }

    private async ValueTask<IReadOnlyList<JsonElement>> AwaitAsync(Task<BatchOutcome> completion) =>
        (await completion).For(Key);
}
