namespace CrmFederation.Gateway.Schema;

/// <summary>
/// Where one field's value comes from: the source and endpoint whose answer holds it, and what it is
/// read from there (a path in the item, or the key a fetch is looked up by).
/// </summary>
public sealed record FieldOrigin(string Name, string Type, string Source, string? Endpoint, string From);
