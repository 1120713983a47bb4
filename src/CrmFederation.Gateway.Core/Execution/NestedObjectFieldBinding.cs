using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// An object (or list of objects) read from the parent's own item: a sub-object such as
/// <c>BillingAddress</c>, an array such as a page's <c>results</c>, or the item itself seen as a Money.
/// Rows of a type a row policy restricts are left out (a single object: null) unless the caller may see them.
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

        var rows = Binding.Rows is null ? null : RequestScope.Of(context).RowsFor(Binding);
        if (!IsList)
        {
            return rows is null || rows.Allows(value) ? new Entity(value, Binding, parent) : null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<Entity>();
        }

        return rows is null ? All(value, parent) : Allowed(value, rows, parent);
    }

    private Entity[] All(JsonElement array, Entity parent)
    {
        var entities = new Entity[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            entities[i++] = new Entity(item, Binding, parent);
        }

        return entities;
    }

    private List<Entity> Allowed(JsonElement array, Access.RowFilter rows, Entity parent)
    {
        var entities = new List<Entity>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (rows.Allows(item))
            {
                entities.Add(new Entity(item, Binding, parent));
            }
        }

        return entities;
    }
}
