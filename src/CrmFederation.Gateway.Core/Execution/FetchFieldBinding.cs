using System.Collections;
using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.DataLoader;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A field answered by another source endpoint, batched across all parents of the level. Keys come
/// from an argument (root lookups), the parent's item, or — for two-hop joins — the item of another
/// fetched field, in which case the second hop is batched in the next round.
/// </summary>
public sealed class FetchFieldBinding : FieldBinding
{
    public required EndpointDefinition Endpoint { get; init; }

    public required KeySource Key { get; init; }

    public required ObjectBinding Result { get; init; }

    public IReadOnlyList<ArgumentBinding> Arguments { get; init; } = [];

    /// <summary>The GraphQL field is a list.</summary>
    public bool IsList { get; init; }

    /// <summary>The GraphQL field is a non-null list: on a source failure it becomes empty, with an error saying so.</summary>
    public bool IsNonNullList { get; init; }

    public override object? Resolve(Entity parent, IResolveFieldContext context)
    {
        var scope = RequestScope.Of(context);
        var plan = scope.PlanFor(this, context);
        if (Key.Argument is { } argument)
        {
            return ResolveArgumentKeys(context.GetArgument<object>(argument), plan, context, scope);
        }

        var tag = TagFor(parent, scope);

        if (Key.Via is { } via)
        {
            if (via.LoadFor(parent, scope) is not { } first)
            {
                return Empty();
            }

            return new JoinedValue(this, first, plan, context, tag);
        }

        var parentKey = SendableKey(Key.Path!.ResolveKey(parent.Json));
        return parentKey is null ? Empty() : new FetchedValue(this, plan.Loader.Load(parentKey, tag), plan, context);
    }

    /// <summary>The second hop of a join: the load keyed by the item joined through, if there is one.</summary>
    internal object? SecondHop(IReadOnlyList<JsonElement> viaItems, FieldPlan plan, IResolveFieldContext context, string? tag)
    {
        // An item joined through that the caller may not see hides what is joined through it too.
        var via = Key.Via!.Result;
        if (viaItems.Count == 0 || (via.Rows is not null && RequestScope.Of(context).RowsFor(via) is { } rows && !rows.Allows(viaItems[0])))
        {
            return Empty();
        }

        var key = SendableKey(Key.Path!.ResolveKey(viaItems[0]));
        return key is null ? Empty() : new FetchedValue(this, plan.Loader.Load(key, tag), plan, context);
    }

    /// <summary>Starts (or joins) the load of this field's item for <paramref name="parent"/>, for fields that join through it.</summary>
    public KeyLoad? LoadFor(Entity parent, RequestScope scope)
    {
        var key = SendableKey(Key.Path?.ResolveKey(parent.Json));
        return key is null ? null : scope.PlanFor(this, null).Loader.Load(key, TagFor(parent, scope));
    }

    public FieldPlan CreatePlan(IResolveFieldContext? context, RequestScope scope)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        (JsonPath, HashSet<string>)? filter = null;
        int? take = null;
        if (context is not null)
        {
            foreach (var argument in Arguments)
            {
                if (argument.SourceValues(context) is not { } values)
                {
                    continue;
                }

                if (argument.Parameter is { } parameter)
                {
                    AddParameter(parameters, parameter, values);
                }
                else if (argument.Filter is { } path)
                {
                    filter = (path, values.ToHashSet(StringComparer.Ordinal));
                }
                else if (argument.Take)
                {
                    take = int.Parse(values[0], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        parameters.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new FieldPlan(scope.LoaderFor(Endpoint, parameters), parameters, filter, take, scope.RowsFor(Result));
    }

    private void AddParameter(List<KeyValuePair<string, string>> parameters, string name, IReadOnlyList<string> values)
    {
        if (Endpoint.RepeatListParameters)
        {
            parameters.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value)));
        }
        else
        {
            parameters.Add(new(name, string.Join(',', values)));
        }
    }

    private object? ResolveArgumentKeys(object? argument, FieldPlan plan, IResolveFieldContext context, RequestScope scope)
    {
        if (argument is not IEnumerable keys || argument is string)
        {
            var key = SendableKey(argument?.ToString());
            return key is null ? Empty() : new FetchedValue(this, plan.Loader.Load(key, OwnTag(key)), plan, context);
        }

        var requested = keys.Cast<object?>().ToList();
        if (Key.MaxKeys is { } maxKeys && requested.Count > maxKeys)
        {
            throw new ExecutionError($"Argument '{Key.Argument}' lists {requested.Count} keys; one lookup takes at most {maxKeys}.") { Code = "BAD_USER_INPUT" };
        }

        var loads = requested.Select(k => SendableKey(k?.ToString()) is { } key ? plan.Loader.Load(key, OwnTag(key)) : null).ToList();
        return new DeferredResult(async cancellationToken =>
        {
            var entities = new Entity?[loads.Count];
            try
            {
                for (var i = 0; i < loads.Count; i++)
                {
                    // A row the caller may not see is null, as an unknown id is: its existence does not show.
                    if (loads[i] is { } load && await load.GetResultAsync() is [var item, ..] && (plan.Rows is null || plan.Rows.Allows(item)))
                    {
                        entities[i] = new Entity(item, Result, context.Source as Entity);
                    }
                }
            }
            catch (SourceException failure)
            {
                // Each requested item is nullable: the list keeps its length, every item null, one error says why.
                scope.Errors.Enqueue(new SourceFieldError(failure) { ValueReplaced = true }.At(context));
                return new Entity?[loads.Count];
            }

            return entities;
        });
    }

    /// <summary>The field's value for <paramref name="parent"/> from the items its key matched, less the rows the caller may not see: one entity, or the filtered and limited list.</summary>
    internal object? Shape(IReadOnlyList<JsonElement> items, FieldPlan plan, Entity? parent)
    {
        if (!IsList)
        {
            return items.Count == 0 || (plan.Rows is { } rows && !rows.Allows(items[0])) ? null : new Entity(items[0], Result, parent);
        }

        var entities = new List<Entity>(items.Count);
        foreach (var item in items)
        {
            if (plan.Filter is { } filter && !(filter.Path.ResolveKey(item) is { } value && filter.Values.Contains(value)))
            {
                continue;
            }

            if (plan.Rows is { } allowed && !allowed.Allows(item))
            {
                continue;
            }

            if (plan.Take is { } take && entities.Count >= take)
            {
                break;
            }

            entities.Add(new Entity(item, Result, parent));
        }

        return entities;
    }

    internal object? Fail(SourceException failure, IResolveFieldContext context, RequestScope scope)
    {
        if (!IsNonNullList)
        {
            throw new SourceFieldError(failure);
        }

        // A non-null list cannot be null without nulling its parent; it comes back empty, and the error says it is not the real answer.
        scope.Errors.Enqueue(new SourceFieldError(failure) { ValueReplaced = true }.At(context));
        return Array.Empty<Entity>();
    }

    /// <summary>The key as it is sent (transformed), or null when it cannot be sent faithfully and is answered "not found" without a call.</summary>
    public string? SendableKey(string? key)
    {
        if (key is null)
        {
            return null;
        }

        key = Key.Transform(key);
        return RequestUriBuilder.IsSendable(Endpoint, key) ? key : null;
    }

    /// <summary>A root lookup of a tagged type by the tag's own path (customer by id) is tagged with its key.</summary>
    private string? OwnTag(string key) =>
        Result.CacheTag is { } tag && Endpoint.MatchOn?.Text == tag.Path.Text ? $"{tag.Name}:{key}" : null;

    /// <summary>Cache tags label cache entries for purging; without a cache they would only cost a string per row.</summary>
    private string? TagFor(Entity parent, RequestScope scope) =>
        Endpoint.Cache is not null && scope.Cache is not null ? parent.Binding.CacheTag?.For(parent.Json) : null;

    private object? Empty() => IsList ? Array.Empty<Entity>() : null;
}
