namespace CrmFederation.Gateway.Schema;

/// <summary>An object type of the public schema: its name and fields.</summary>
public sealed record ObjectShape(string Name)
{
    public Dictionary<string, FieldShape> Fields { get; } = new(StringComparer.Ordinal);
}
