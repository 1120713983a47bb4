using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// The static N+1 check: warns about bindings that would call a source once per parent row, i.e.
/// per-key endpoints and page bindings on types that can be reached through a list.
/// </summary>
public static class PerRowCallAnalyzer
{
    public static void Warn(
        SchemaModel schema,
        IReadOnlyDictionary<(string Type, string Field), FetchFieldBinding> fetches,
        IReadOnlyDictionary<string, (ConfigFile<BindingsFileConfig> File, TypeBindingConfig Config)> typeConfigs,
        List<ConfigDiagnostic> diagnostics)
    {
        foreach (var (typeName, fieldName) in PerRowReachable(schema))
        {
            if (fetches.TryGetValue((typeName, fieldName), out var fetch) && !fetch.Endpoint.IsBatched)
            {
                var entry = typeConfigs[typeName];
                diagnostics.Add(entry.File.Warning($"$.types.{typeName}.fields.{fieldName}.fetch.endpoint",
                    $"'{typeName}.{fieldName}' is reached through a list but {fetch.Endpoint.DisplayName} takes one key per call: one upstream call per parent row (N+1).",
                    "Use a batch endpoint (keyParameter) if the source has one."));
            }
            else if (typeConfigs.TryGetValue(typeName, out var entry) && entry.Config.Fields.TryGetValue(fieldName, out var config) && config.Page is not null)
            {
                diagnostics.Add(entry.File.Warning($"$.types.{typeName}.fields.{fieldName}.page",
                    $"'{typeName}.{fieldName}' is reached through a list and fetches a page per parent row (N+1).",
                    "Page bindings belong on root fields."));
            }
        }
    }

    /// <summary>Fields of types that can appear as items of a list, i.e. whose resolvers run once per row.</summary>
    private static IEnumerable<(string Type, string Field)> PerRowReachable(SchemaModel schema)
    {
        var inList = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Type, bool InList)>([("Query", false)]);
        var seen = new HashSet<(string, bool)>();
        while (queue.TryDequeue(out var current))
        {
            if (!seen.Add(current) || !schema.Objects.TryGetValue(current.Type, out var shape))
            {
                continue;
            }

            if (current.InList)
            {
                inList.Add(current.Type);
            }

            foreach (var field in shape.Fields.Values)
            {
                queue.Enqueue((field.TypeName, current.InList || field.IsList));
            }
        }

        return inList.SelectMany(t => schema.Objects[t].Fields.Keys.Select(f => (t, f)));
    }
}
