using System.Text.Json;
using GraphQL.Types;

namespace CrmFederation.Gateway.Schema.Scalars;

/// <summary>
/// The built-in <c>String</c>, also accepting a source's JSON string as it arrived: the response writer
/// copies its UTF-8 straight from the upstream document, so no .NET string is made for a value that
/// is only passed through.
/// </summary>
public sealed class SourceStringScalar : StringGraphType
{
    public SourceStringScalar()
    {
        Name = "String";
    }

    public override object? Serialize(object? value) =>
        value is JsonElement { ValueKind: JsonValueKind.String } ? value : base.Serialize(value);
}
