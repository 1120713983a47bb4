using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>A scalar or enum read from a path in the parent's item.</summary>
public sealed class PathFieldBinding(JsonPath path, ValueConverter converter) : FieldBinding
{
    public JsonPath Path { get; } = path;

    public ValueConverter Converter { get; } = converter;

    public override object? Resolve(Entity parent, IResolveFieldContext context) =>
        Path.TryResolve(parent.Json, out var value) ? Converter.Convert(value) : null;

    /// <summary>The value as the source sent it, as text (an id for the audit), without conversion.</summary>
    public string? KeyOf(JsonElement item) => Path.ResolveKey(item);
}
