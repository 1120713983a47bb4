using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Schema;

/// <summary>The named enum maps of every bindings file, checked against the GraphQL enums they are used with.</summary>
public sealed class EnumMaps
{
    private readonly Dictionary<string, (ConfigFile<BindingsFileConfig> File, IReadOnlyDictionary<string, string> Map)> _maps = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Map, string Enum), FrozenDictionary<string, string>?> _checked = [];

    public static EnumMaps Collect(IReadOnlyList<ConfigFile<BindingsFileConfig>> files, List<ConfigDiagnostic> diagnostics)
    {
        var maps = new EnumMaps();
        foreach (var file in files)
        {
            foreach (var (name, map) in file.Value.EnumMaps)
            {
                if (!maps._maps.TryAdd(name, (file, map)))
                {
                    diagnostics.Add(file.Error($"$.enumMaps.{name}", $"Enum map '{name}' is defined twice (also in {maps._maps[name].File.RelativePath}).",
                        "Give each map a unique name, e.g. prefixed with its source."));
                }
            }
        }

        return maps;
    }

    /// <summary>Source spelling → GraphQL value, after checking that the map covers the enum exactly.</summary>
    public FrozenDictionary<string, string>? Resolve(
        string mapName, string enumType, SchemaModel schema, ConfigFile<BindingsFileConfig> usedIn, string at, List<ConfigDiagnostic> diagnostics)
    {
        if (!_maps.TryGetValue(mapName, out var entry))
        {
            diagnostics.Add(usedIn.Error(at, $"Unknown enum map '{mapName}'.", $"Known maps: {string.Join(", ", _maps.Keys.Order())}."));
            return null;
        }

        if (_checked.TryGetValue((mapName, enumType), out var known))
        {
            // Checked already for another use: its problems are reported once.
            return known;
        }

        var result = Check(mapName, enumType, entry, schema, usedIn, at, diagnostics);
        _checked[(mapName, enumType)] = result;
        return result;
    }

    private static FrozenDictionary<string, string>? Check(
        string mapName,
        string enumType,
        (ConfigFile<BindingsFileConfig> File, IReadOnlyDictionary<string, string> Map) entry,
        SchemaModel schema,
        ConfigFile<BindingsFileConfig> usedIn,
        string at,
        List<ConfigDiagnostic> diagnostics)
    {
        if (!schema.Enums.TryGetValue(enumType, out var values))
        {
            diagnostics.Add(usedIn.Error(at, $"Enum map '{mapName}' is used on a value of type '{enumType}', which is not an enum."));
            return null;
        }

        var ok = true;
        foreach (var (sourceValue, graphQlValue) in entry.Map)
        {
            if (!values.Contains(graphQlValue))
            {
                diagnostics.Add(entry.File.Error($"$.enumMaps.{mapName}.{sourceValue}", $"'{graphQlValue}' is not a value of enum {enumType}.",
                    $"Values of {enumType}: {string.Join(", ", values)}."));
                ok = false;
            }
        }

        foreach (var value in values.Where(v => !entry.Map.Values.Contains(v)))
        {
            diagnostics.Add(entry.File.Error($"$.enumMaps.{mapName}", $"Enum value {enumType}.{value} has no mapping in '{mapName}'.",
                $"Add the source's spelling of {value}: \"<source value>\": \"{value}\"."));
            ok = false;
        }

        return ok ? entry.Map.ToFrozenDictionary(StringComparer.Ordinal) : null;
    }
}
