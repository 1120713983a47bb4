namespace CrmFederation.Gateway.Schema;

/// <summary>One object type's fields with their origins; a type built inline in several places (Money) lists a field once per origin.</summary>
public sealed record TypeOrigins(string Name, IReadOnlyList<FieldOrigin> Fields);
