using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Schema;

/// <summary>Chooses how a path-bound field's source value is coerced, from the field's type, its enum map and an explicit <c>coerce</c>.</summary>
public sealed class ValueConverterCompiler(SchemaModel schema, EnumMaps enumMaps, List<ConfigDiagnostic> diagnostics)
{
    private static readonly FrozenDictionary<string, ValueKind> ScalarKinds = new Dictionary<string, ValueKind>
    {
        ["ID"] = ValueKind.Text,
        ["String"] = ValueKind.Text,
        ["Int"] = ValueKind.Int,
        ["Float"] = ValueKind.Float,
        ["Boolean"] = ValueKind.Boolean,
        ["Decimal"] = ValueKind.Decimal,
        ["Date"] = ValueKind.Date,
        ["DateTime"] = ValueKind.DateTime,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ValueKind> Coercions = new Dictionary<string, ValueKind>
    {
        ["string"] = ValueKind.Text,
        ["int"] = ValueKind.Int,
        ["float"] = ValueKind.Float,
        ["boolean"] = ValueKind.Boolean,
        ["decimal"] = ValueKind.Decimal,
        ["date"] = ValueKind.Date,
        ["dateTime"] = ValueKind.DateTime,
    }.ToFrozenDictionary();

    public ValueConverter? Compile(ConfigFile<BindingsFileConfig> file, string at, string sourceName, FieldShape field, FieldBindingConfig config)
    {
        if (schema.Enums.ContainsKey(field.TypeName))
        {
            if (config.EnumMap is null)
            {
                diagnostics.Add(file.Error(at, $"Field of enum type {field.TypeName} has no enumMap, so its values cannot be mapped.",
                    "Add \"enumMap\": \"<name of a map in enumMaps>\"."));
                return null;
            }

            var map = enumMaps.Resolve(config.EnumMap, field.TypeName, schema, file, at + ".enumMap", diagnostics);
            return map is null ? null : new ValueConverter(ValueKind.Enum, sourceName, map);
        }

        if (config.EnumMap is not null)
        {
            diagnostics.Add(file.Error(at + ".enumMap", $"enumMap is set on a field of type {field.TypeName}, which is not an enum."));
            return null;
        }

        if (!ScalarKinds.TryGetValue(field.TypeName, out var kind))
        {
            diagnostics.Add(file.Error(at, $"The gateway cannot produce values of scalar type {field.TypeName}."));
            return null;
        }

        if (config.Coerce is { } coerce)
        {
            if (!Coercions.TryGetValue(coerce, out var coerced))
            {
                diagnostics.Add(file.Error(at + ".coerce", $"Unknown coercion '{coerce}'.", $"Use one of: {string.Join(", ", Coercions.Keys)}."));
                return null;
            }

            if (coerced != kind)
            {
                diagnostics.Add(file.Error(at + ".coerce", $"Coercion '{coerce}' does not produce a {field.TypeName}.",
                    $"For {field.TypeName} use '{Coercions.First(c => c.Value == kind).Key}'."));
                return null;
            }
        }

        return new ValueConverter(kind, sourceName);
    }
}
