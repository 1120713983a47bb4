using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>A scalar or enum read from a path in the parent's item.</summary>
public sealed class PathFieldBinding(JsonPath path, ValueConverter converter) : FieldBinding
{
    public override object? Resolve(Entity parent, IResolveFieldContext context) =>
        path.TryResolve(parent.Json, out var value) ? converter.Convert(value) : null;

    /// <summary>The value as the source sent it, as text (an id for the audit), without conversion.</summary>
    public string? KeyOf(JsonElement item) => path.ResolveKey(item);
}
