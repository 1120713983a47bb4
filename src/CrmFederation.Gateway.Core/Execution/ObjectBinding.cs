using System.Collections.Frozen;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The compiled bindings of one object type's fields (or of one inline object such as a Money).
/// Created empty and completed once, because types refer to each other (Customer → Invoice → Money).
/// </summary>
public sealed class ObjectBinding(string typeName)
{
    private FrozenDictionary<string, FieldBinding>? _fields;

    public string TypeName { get; } = typeName;

    /// <summary>Tags cache entries fetched for this type's objects (e.g. <c>customer</c> by <c>id</c>), so they can be purged together.</summary>
    public CacheTag? CacheTag { get; init; }

    public FrozenDictionary<string, FieldBinding> Fields =>
        _fields ?? throw new InvalidOperationException($"The bindings of '{TypeName}' are not compiled yet.");

    /// <summary>False for a type only ever built inline from its parent's item (Money), which has no bindings of its own.</summary>
    public bool IsCompleted => _fields is not null;

    /// <summary>
    /// Which rows of this type each role may see; null when no role is restricted. Set once after the
    /// bindings are compiled, because the policies are checked against the compiled fields.
    /// </summary>
    public Access.RowPolicy? Rows { get; private set; }

    public void Complete(IDictionary<string, FieldBinding> fields)
    {
        if (_fields is not null)
        {
            throw new InvalidOperationException($"The bindings of '{TypeName}' are already compiled.");
        }

        _fields = fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public void Restrict(Access.RowPolicy rows)
    {
        if (Rows is not null)
        {
            throw new InvalidOperationException($"The row policy of '{TypeName}' is already set.");
        }

        Rows = rows;
    }
}

/// <summary>A cache tag name and the item path its value is read from.</summary>
public sealed record CacheTag(string Name, Sources.JsonPath Path)
{
    public string? For(System.Text.Json.JsonElement item) => Path.ResolveKey(item) is { } value ? $"{Name}:{value}" : null;
}
