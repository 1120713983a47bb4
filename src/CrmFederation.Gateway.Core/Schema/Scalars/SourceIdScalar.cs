using System.Text.Json;
using GraphQL.Types;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>The built-in <c>ID</c>, also accepting a source's JSON string as it arrived (see <see cref="SourceStringScalar"/>).</summary>
public sealed class SourceIdScalar : IdGraphType
{
    public SourceIdScalar()
    {
        Name = "ID";
    }

    public override object? Serialize(object? value) =>
        value is JsonElement { ValueKind: JsonValueKind.String } ? value : base.Serialize(value);
}
