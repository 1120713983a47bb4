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
    public JsonPath Path { get; } = path;

    public ObjectBinding Binding { get; } = binding;

    public bool IsList { get; } = isList;

    public override object? Resolve(Entity parent, IResolveFieldContext context)
    {
        if (!Path.TryResolve(parent.Json, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return IsList ? Array.Empty<Entity>() : null;
        }

        if (!IsList)
        {
            return new Entity(value, Binding);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<Entity>();
        }

        var entities = new Entity[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            entities[i++] = new Entity(item, Binding);
        }

        return entities;
    }
}
