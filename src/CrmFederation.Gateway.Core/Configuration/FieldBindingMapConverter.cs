using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Reads a map of field bindings where each value is either a full binding object or, as shorthand,
/// the path string. Placed on the properties rather than the type so that reading the object form
/// does not recurse into this converter.
/// </summary>
public sealed class FieldBindingMapConverter : JsonConverter<IReadOnlyDictionary<string, FieldBindingConfig>>
{
    public override IReadOnlyDictionary<string, FieldBindingConfig> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object mapping field names to bindings.");
        }

        var fields = new Dictionary<string, FieldBindingConfig>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            fields[name] = reader.TokenType switch
            {
                JsonTokenType.String => FieldBindingConfig.FromPath(reader.GetString()!),
                JsonTokenType.StartObject => ReadObject(ref reader, name, options),
                _ => throw new JsonException($"The binding of field '{name}' must be a path string or a binding object."),
            };
        }

        return fields;
    }

    /// <summary>
    /// The nested read reports paths relative to the binding object; the error is re-thrown with the
    /// path below this map in <see cref="RelativePathKey"/>, which the reader appends to the map's own path.
    /// </summary>
    private static FieldBindingConfig ReadObject(ref Utf8JsonReader reader, string name, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<FieldBindingConfig>(ref reader, options)!;
        }
        catch (JsonException inner)
        {
            var innerPath = inner.Path is { Length: > 2 } path ? path[2..] : "";
            var deeper = inner.Data[RelativePathKey] as string;
            var relative = string.Join('.', new[] { name, innerPath, deeper }.Where(part => !string.IsNullOrEmpty(part)));
            var rethrown = new JsonException(ConfigDirectoryReader.CleanMessage(inner.Message), inner);
            rethrown.Data[RelativePathKey] = relative;
            throw rethrown;
        }
    }

    public const string RelativePathKey = "crmfed.relativePath";

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, FieldBindingConfig> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToDictionary(p => p.Key, p => p.Value), options);
}
