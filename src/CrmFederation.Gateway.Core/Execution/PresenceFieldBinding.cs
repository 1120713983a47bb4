using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>A Boolean that is true when the parent's item has a non-null value at a path (<c>hasNextPage</c>).</summary>
public sealed class PresenceFieldBinding(JsonPath path) : FieldBinding
{
    private static readonly object True = true;
    private static readonly object False = false;

    public JsonPath Path { get; } = path;

    public override object? Resolve(Entity parent, IResolveFieldContext context) =>
        Path.TryResolve(parent.Json, out var value) && value.ValueKind != JsonValueKind.Null ? True : False;
}
