using System.Text.Json;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A cursor the gateway hands out (<c>pageInfo.endCursor</c>): the source's cursor at a path of the parent's
/// item, sealed for <paramref name="purpose"/> so that only it comes back (<see cref="ArgumentBinding.CursorPurpose"/>).
/// </summary>
public sealed class CursorFieldBinding(JsonPath path, string purpose) : FieldBinding
{
    /// <summary>Where the source's cursor is in the parent's item; a row scan writes its own cursor there.</summary>
    public JsonPath Path { get; } = path;

    public override object? Resolve(Entity parent, IResolveFieldContext context) =>
        Path.TryResolve(parent.Json, out var value) && value.ValueKind == JsonValueKind.String
            ? RequestScope.Of(context).Cursors.Seal(purpose, value.GetString()!)
            : null;
}
