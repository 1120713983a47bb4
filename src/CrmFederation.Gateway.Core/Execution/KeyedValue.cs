using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.DataLoader;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A field's value for one parent, made from one key's items once their batch has answered. A level
/// of fifty customers with five fetched fields makes 250 of these, so each is one small object that
/// completes synchronously when its batch is already done, and awaits the batch itself otherwise.
/// </summary>
public abstract class KeyedValue(FetchFieldBinding field, KeyLoad load, IResolveFieldContext context) : IDataLoaderResult
{
    protected FetchFieldBinding Field { get; } = field;

    public KeyLoad Load { get; } = load;

    protected IResolveFieldContext Context { get; } = context;

    public Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var batch = Load.Dispatch();
        return batch.IsCompletedSuccessfully && batch.Result.TryGet(Load.Key, out var items)
            ? Task.FromResult(From(items))
            : CompleteAsync(batch);
    }

    protected abstract object? From(IReadOnlyList<JsonElement> items);

    private async Task<object?> CompleteAsync(Task<BatchOutcome> batch)
    {
        IReadOnlyList<JsonElement> items;
        try
        {
            items = (await batch).For(Load.Key);
        }
        catch (SourceException failure)
        {
            return Field.Fail(failure, Context, RequestScope.Of(Context));
        }

        return From(items);
    }
}
