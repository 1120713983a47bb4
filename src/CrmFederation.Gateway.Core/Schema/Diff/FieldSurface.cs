namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>A field of an object or interface type, with its arguments.</summary>
public sealed record FieldSurface(
    string Name,
    TypeReference Type,
    string? Description,
    string? DeprecationReason,
    IReadOnlyDictionary<string, InputValueSurface> Arguments);
