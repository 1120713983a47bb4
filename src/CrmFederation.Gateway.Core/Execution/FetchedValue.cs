using System.Text.Json;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>A fetched field's value: the entity or entities its key matched.</summary>
public sealed class FetchedValue(FetchFieldBinding field, KeyLoad load, FieldPlan plan, IResolveFieldContext context)
    : KeyedValue(field, load, context)
{
    protected override object? From(IReadOnlyList<JsonElement> items) => Field.Shape(items, plan, Context.Source as Entity);
}
