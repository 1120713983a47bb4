namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>
/// One named type of the public schema as clients see it, its extensions merged: fields (object and
/// interface types), input fields, enum values, implemented interfaces and union members.
/// </summary>
public sealed class TypeSurface(string name, SchemaTypeKind kind)
{
    public string Name { get; } = name;

    public SchemaTypeKind Kind { get; } = kind;

    public string? Description { get; internal set; }

    public IReadOnlyDictionary<string, FieldSurface> Fields => FieldMap;

    public IReadOnlyDictionary<string, InputValueSurface> InputFields => InputFieldMap;

    public IReadOnlyDictionary<string, EnumValueSurface> EnumValues => EnumValueMap;

    public IReadOnlySet<string> Interfaces => InterfaceSet;

    public IReadOnlySet<string> UnionMembers => UnionMemberSet;

    internal Dictionary<string, FieldSurface> FieldMap { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, InputValueSurface> InputFieldMap { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, EnumValueSurface> EnumValueMap { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> InterfaceSet { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> UnionMemberSet { get; } = new(StringComparer.Ordinal);
}
