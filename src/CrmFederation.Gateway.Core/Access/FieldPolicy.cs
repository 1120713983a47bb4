namespace CrmFederation.Gateway.Access;

/// <summary>
/// What one schema field asks of its callers: every scope in <see cref="RequiredScopes"/> (its own and
/// those of the type it returns), and whether its value is personal data. <see cref="Index"/> is its
/// slot in every <see cref="CallerPermissions"/>.
/// </summary>
public sealed record FieldPolicy(int Index, string Coordinate, IReadOnlyList<string> RequiredScopes, bool IsPersonal, bool IsNonNullList);
