namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>An argument or an input object's field; <see cref="DefaultValue"/> is the default as printed SDL.</summary>
public sealed record InputValueSurface(string Name, TypeReference Type, string? DefaultValue, string? Description, string? DeprecationReason)
{
    /// <summary>A client must send it: non-null and no default to fall back on.</summary>
    public bool IsRequired => Type.NonNull && DefaultValue is null;
}
