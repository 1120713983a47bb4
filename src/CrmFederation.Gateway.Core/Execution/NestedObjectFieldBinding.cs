using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// An object (or list of objects) read from the parent's own item: a sub-object such as
/// <c>BillingAddress</c>, an array such as a page's <c>results</c>, or the item itself seen as a Money.
/// </summary>
public sealed class NestedObjectFieldBinding(JsonPath path, ObjectBinding binding, bool isList) : FieldBinding
{
    public override object? Resolve(Entity parent, IResolveFieldContext context)
    {
        if (!path.TryResolve(parent.Json, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return isList ? Array.Empty<Entity>() : null;
        }

        if (!isList)
        {
            return new Entity(value, binding, parent);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<Entity>();
        }

        var entities = new Entity[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            entities[i++] = new Entity(item, binding, parent);
        }

        return entities;
    }
}
