using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// gateway-config.schema.json describes exactly the properties the gateway's reader accepts: walking
/// the config records from each file's root type, every object's properties match the schema's.
/// A property added to a record and not to the schema (or the reverse) fails here.
/// </summary>
public sealed class ConfigJsonSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(ConfigSandbox.SampleConfigDirectory, "gateway-config.schema.json"))).RootElement;

    [Fact]
    public void Schema_RootAndDefinitions_AreTheOnesTheConfigFilesReference()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.Equal("#/$defs/settings", Schema.GetProperty("$ref").GetString());
        var definitions = Schema.GetProperty("$defs");
        Assert.True(definitions.TryGetProperty("settings", out _));
        Assert.True(definitions.TryGetProperty("source", out _));
        Assert.True(definitions.TryGetProperty("bindingsFile", out _));
        Assert.True(definitions.TryGetProperty("access", out _));
        Assert.True(definitions.TryGetProperty("trustedDocuments", out _));
        Assert.True(definitions.TryGetProperty("policies", out _));
    }

    [Theory]
    [InlineData(typeof(GatewaySettingsConfig), "settings")]
    [InlineData(typeof(SourceConfig), "source")]
    [InlineData(typeof(BindingsFileConfig), "bindingsFile")]
    [InlineData(typeof(AccessConfig), "access")]
    [InlineData(typeof(TrustedDocumentsConfig), "trustedDocuments")]
    [InlineData(typeof(PoliciesConfig), "policies")]
    public void Schema_EveryConfigRecord_HasExactlyTheSchemasProperties(Type root, string definition)
    {
        var mismatches = new List<string>();
        Compare(root, [Definition(definition)], definition, new HashSet<Type>(), mismatches);

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void Schema_EveryObject_DisallowsUnknownProperties()
    {
        var open = new List<string>();
        FindOpenObjects(Schema.GetProperty("$defs"), "$defs", open);

        Assert.True(open.Count == 0, "Objects without additionalProperties: " + string.Join(", ", open));
    }

    private static void Compare(Type type, IReadOnlyList<JsonElement> nodes, string where, HashSet<Type> visited, List<string> mismatches)
    {
        if (!visited.Add(type))
        {
            return;
        }

        var schemaProperties = nodes.SelectMany(Expand)
            .Where(n => n.TryGetProperty("properties", out _))
            .SelectMany(n => n.GetProperty("properties").EnumerateObject())
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList(), StringComparer.Ordinal);
        var recordProperties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .ToDictionary(JsonName, StringComparer.Ordinal);

        foreach (var missing in recordProperties.Keys.Except(schemaProperties.Keys))
        {
            mismatches.Add($"{where}: {type.Name}.{missing} is read by the gateway but not in the schema.");
        }

        foreach (var extra in schemaProperties.Keys.Except(recordProperties.Keys))
        {
            mismatches.Add($"{where}: the schema allows '{extra}', which {type.Name} does not read.");
        }

        foreach (var (name, property) in recordProperties)
        {
            if (!schemaProperties.TryGetValue(name, out var subSchemas))
            {
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsConfigRecord(propertyType))
            {
                Compare(propertyType, subSchemas, $"{where}.{name}", visited, mismatches);
            }
            else if ((DictionaryValueType(propertyType) ?? ListItemType(propertyType)) is { } innerType && IsConfigRecord(innerType))
            {
                // A dictionary's values are described by additionalProperties, a list's elements by items.
                var (keyword, suffix) = DictionaryValueType(propertyType) is null ? ("items", "[]") : ("additionalProperties", ".*");
                var innerSchemas = subSchemas.SelectMany(Expand)
                    .Where(n => n.TryGetProperty(keyword, out var inner) && inner.ValueKind == JsonValueKind.Object)
                    .Select(n => n.GetProperty(keyword))
                    .ToList();
                Compare(innerType, innerSchemas, $"{where}.{name}{suffix}", visited, mismatches);
            }
        }
    }

    /// <summary>The node and everything it is made of: its $ref target and its oneOf/anyOf/allOf branches.</summary>
    private static IEnumerable<JsonElement> Expand(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } pointer && pointer.StartsWith("#/$defs/", StringComparison.Ordinal))
        {
            foreach (var inner in Expand(Definition(pointer["#/$defs/".Length..])))
            {
                yield return inner;
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (node.TryGetProperty(keyword, out var branches))
            {
                foreach (var inner in branches.EnumerateArray().SelectMany(Expand))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void FindOpenObjects(JsonElement node, string where, List<string> open)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object"
                && node.TryGetProperty("properties", out _) && !node.TryGetProperty("additionalProperties", out _))
            {
                open.Add(where);
            }

            foreach (var property in node.EnumerateObject())
            {
                FindOpenObjects(property.Value, $"{where}.{property.Name}", open);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                FindOpenObjects(item, $"{where}[{i++}]", open);
            }
        }
    }

    private static JsonElement Definition(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static bool IsConfigRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(SourceConfig).Namespace;

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? type.GetGenericArguments()[1] : null;
}
