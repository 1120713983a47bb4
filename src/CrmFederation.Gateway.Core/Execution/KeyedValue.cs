using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.DataLoader;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A field's value for one parent, made from one key's items once their batch has answered. A level
/// of fifty customers with five fetched fields makes 250 of these, so each is one small object that
/// completes synchronously when its batch is already done (BatchAwareExecutionStrategy sees to that),
/// and awaits its key's load otherwise.
/// </summary>
public abstract class KeyedValue(FetchFieldBinding field, KeyLoad load, IResolveFieldContext context) : IDataLoaderResult
{
    protected FetchFieldBinding Field { get; } = field;

    public KeyLoad Load { get; } = load;

    protected IResolveFieldContext Context { get; } = context;

    public Task<object?> GetResultAsync(CancellationToken cancellationToken = default)
    {
        var items = Load.GetResultAsync();
        return items.IsCompletedSuccessfully ? Task.FromResult(From(items.Result)) : CompleteAsync(items);
    }

    protected abstract object? From(IReadOnlyList<JsonElement> items);

    private async Task<object?> CompleteAsync(ValueTask<IReadOnlyList<JsonElement>> pending)
    {
        IReadOnlyList<JsonElement> items;
        try
        {
            items = await pending;
        }
        catch (SourceException failure)
        {
            return Field.Fail(failure, Context, RequestScope.Of(Context));
        }

        return From(items);
    }
}
