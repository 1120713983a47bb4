namespace CrmFederation.Gateway.Schema;

/// <summary>The answer of GET /admin/schema/bindings: every bound object type, the root first.</summary>
public sealed record FieldOriginsReport(IReadOnlyList<TypeOrigins> Types);
