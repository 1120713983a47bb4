using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Schema;

/// <summary>Compiles a field's argument bindings: query parameters, local filters, per-key takes, with enum maps reversed toward the source.</summary>
public sealed class ArgumentCompiler(SchemaModel schema, EnumMaps enumMaps, List<ConfigDiagnostic> diagnostics)
{
    /// <param name="endpoint">Null when the binding names an endpoint that does not exist (reported already): the other checks still run.</param>
    public List<ArgumentBinding>? Compile(
        ConfigFile<BindingsFileConfig> file, string at, FieldShape field, IReadOnlyDictionary<string, ArgumentBindingConfig> arguments, EndpointDefinition? endpoint)
    {
        var compiled = new List<ArgumentBinding>();
        var ok = true;
        var pageSizes = 0;
        foreach (var (name, argument) in arguments)
        {
            var argumentAt = $"{at}.{name}";
            if (!field.Arguments.TryGetValue(name, out var shape))
            {
                diagnostics.Add(file.Error(argumentAt, $"Field '{field.Name}' has no argument '{name}'.", Suggestions.For(name, field.Arguments.Keys)));
                ok = false;
                continue;
            }

            var uses = new[] { argument.Parameter is not null, argument.Filter is not null, argument.Take, argument.Where, argument.Order }.Count(u => u);
            if (uses != 1)
            {
                diagnostics.Add(file.Error(argumentAt, "An argument binding needs exactly one of: parameter, filter, take, where, order."));
                ok = false;
                continue;
            }

            if ((argument.Where || argument.Order) && !CheckListArgument(file, argumentAt, argument, shape, endpoint))
            {
                ok = false;
                continue;
            }

            if (argument.Take && endpoint is { Many: false })
            {
                diagnostics.Add(file.Error(argumentAt + ".take", $"\"take\" needs an endpoint answering many items per key; {endpoint.DisplayName} does not."));
                ok = false;
                continue;
            }

            if (!CheckPageSize(file, argumentAt, argument, shape, endpoint, ref pageSizes) || !CheckCursor(file, argumentAt, argument, shape))
            {
                ok = false;
                continue;
            }

            FrozenDictionary<string, string>? toSource = null;
            if (argument.EnumMap is { } mapName)
            {
                var map = enumMaps.Resolve(mapName, shape.TypeName, schema, file, argumentAt + ".enumMap", diagnostics);
                if (map is null)
                {
                    ok = false;
                    continue;
                }

                toSource = map.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
            }
            else if (schema.Enums.ContainsKey(shape.TypeName))
            {
                diagnostics.Add(file.Error(argumentAt, $"Argument '{name}' is of enum type {shape.TypeName} and needs an enumMap to reach the source."));
                ok = false;
                continue;
            }

            compiled.Add(new ArgumentBinding
            {
                ArgumentName = name,
                Parameter = argument.Parameter,
                Filter = argument.Filter is null ? null : JsonPath.Parse(argument.Filter),
                Take = argument.Take,
                ToSource = toSource,
                Min = argument.Min,
                Max = argument.Max,
                ExactMatchOn = argument.ExactMatchOn,
                PageSize = argument.PageSize,
                CursorPurpose = argument.Cursor ? endpoint?.Source.Name : null,
                IsWhere = argument.Where,
                IsOrder = argument.Order,
            });
        }

        return ok ? compiled : null;
    }

    private bool CheckPageSize(ConfigFile<BindingsFileConfig> file, string at, ArgumentBindingConfig argument, ArgumentShape shape, EndpointDefinition? endpoint, ref int pageSizes)
    {
        // Without an endpoint (a wrong name, or a page's endpoint taking keys: reported with the binding) there is nothing to check against.
        if (!argument.PageSize || endpoint is null)
        {
            return true;
        }

        if (endpoint.IsBatched || endpoint.IsPerKey || shape.TypeName != "Int" || shape.IsList || argument.Parameter is null || ++pageSizes > 1)
        {
            diagnostics.Add(file.Error(at + ".pageSize", "pageSize marks the one Int argument of a page binding that sets how many items the page holds.",
                "Example: \"first\": { \"parameter\": \"limit\", \"min\": 1, \"max\": 100, \"pageSize\": true }."));
            return false;
        }

        return true;
    }

    /// <summary>where takes an input object of the listed type's filters, order a list of sort inputs, both on list endpoints only.</summary>
    private bool CheckListArgument(ConfigFile<BindingsFileConfig> file, string at, ArgumentBindingConfig argument, ArgumentShape shape, EndpointDefinition? endpoint)
    {
        var what = argument.Where ? "where" : "order";
        if (endpoint is { IsBatched: true } or { IsPerKey: true } || argument.Where == shape.IsList || argument.EnumMap is not null)
        {
            diagnostics.Add(file.Error($"{at}.{what}", argument.Where
                    ? "where marks the input-object argument of a page binding that filters the listed rows."
                    : "order marks the list argument of a page binding that sorts the listed rows.",
                argument.Where ? "Example: \"where\": { \"where\": true }, the argument of type CustomerWhere." : "Example: \"order\": { \"order\": true }, the argument of type [CustomerSort!]."));
            return false;
        }

        return true;
    }

    private bool CheckCursor(ConfigFile<BindingsFileConfig> file, string at, ArgumentBindingConfig argument, ArgumentShape shape)
    {
        if (argument.Cursor && (shape.TypeName != "String" || shape.IsList || argument.Parameter is null))
        {
            diagnostics.Add(file.Error(at + ".cursor", "cursor marks a String argument sent as a parameter, taking the cursors the gateway handed out.",
                "Example: \"after\": { \"parameter\": \"after\", \"cursor\": true }."));
            return false;
        }

        return true;
    }
}
