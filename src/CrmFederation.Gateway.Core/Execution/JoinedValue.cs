using System.Text.Json;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The first hop of a two-hop join: once the item it joins through has arrived, its key starts the
/// second load, which GraphQL.NET awaits in the next round so that all parents' second hops batch together.
/// </summary>
public sealed class JoinedValue(FetchFieldBinding field, KeyLoad via, FieldPlan plan, IResolveFieldContext context, string? tag)
    : KeyedValue(field, via, context)
{
    protected override object? From(IReadOnlyList<JsonElement> items) => Field.SecondHop(items, plan, Context, tag);
}
