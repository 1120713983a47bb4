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

    public FrozenDictionary<string, FieldBinding> Fields =>
        _fields ?? throw new InvalidOperationException($"The bindings of '{TypeName}' are not compiled yet.");

    public void Complete(IDictionary<string, FieldBinding> fields)
    {
        if (_fields is not null)
        {
            throw new InvalidOperationException($"The bindings of '{TypeName}' are already compiled.");
        }

        _fields = fields.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
