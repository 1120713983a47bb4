namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>A value of an enum type.</summary>
public sealed record EnumValueSurface(string Name, string? Description, string? DeprecationReason);
