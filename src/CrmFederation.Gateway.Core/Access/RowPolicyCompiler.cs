using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Schema;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Checks the row policies of access.json's roles against the compiled bindings and attaches them: to
/// the bindings of each restricted type, and to every page listing such a type, which the gateway must
/// then be able to read on its own (see <see cref="PageRows"/>).
/// </summary>
public static class RowPolicyCompiler
{
    private const string InClaim = "inClaim";
    private const string EqualsClaim = "equalsClaim";

    public static void Compile(ConfigFile<AccessConfig>? file, CompiledBindings bindings, List<ConfigDiagnostic> diagnostics)
    {
        if (file is null)
        {
            return;
        }

        var restricted = new Dictionary<string, (string At, string Role, Dictionary<string, RowPredicate[]> Roles)>(StringComparer.Ordinal);
        foreach (var (roleName, role) in file.Value.Roles)
        {
            foreach (var (typeName, policy) in role.Rows)
            {
                var at = $"$.roles.{roleName}.rows.{typeName}";
                if (CompileRole(file, at, roleName, typeName, policy, bindings, diagnostics) is not { } predicates)
                {
                    continue;
                }

                if (!restricted.TryGetValue(typeName, out var entry))
                {
                    entry = (at, roleName, new Dictionary<string, RowPredicate[]>(StringComparer.Ordinal));
                    restricted[typeName] = entry;
                }

                entry.Roles[roleName] = predicates;
            }
        }

        foreach (var (typeName, entry) in restricted)
        {
            var unrestricted = file.Value.Roles.Keys.Where(role => !entry.Roles.ContainsKey(role)).ToFrozenSet(StringComparer.Ordinal);
            var policy = new RowPolicy(typeName, entry.Roles.ToFrozenDictionary(StringComparer.Ordinal), unrestricted);
            foreach (var binding in bindings.Inline.Append(bindings.Types[typeName]).Where(b => b.TypeName == typeName))
            {
                binding.Restrict(policy);
            }
        }

        foreach (var parent in bindings.Types.Values.Where(t => t.IsCompleted))
        {
            foreach (var (fieldName, page) in parent.Fields.Where(f => f.Value is PageFieldBinding).Select(f => (f.Key, (PageFieldBinding)f.Value)))
            {
                var listed = page.Result.Fields.Values.OfType<NestedObjectFieldBinding>().FirstOrDefault(n => n.Binding.Rows is not null);
                if (listed is null || page.Rows is not null)
                {
                    continue;
                }

                if (PageRows.TryCreate(page, out var problem) is { } rows)
                {
                    page.Restrict(rows);
                    continue;
                }

                var (at, role, _) = restricted[listed.Binding.TypeName];
                diagnostics.Add(file.Error(at, $"Role '{role}' restricts the rows of {listed.Binding.TypeName}, which {parent.TypeName}.{fieldName} lists, "
                    + $"but the gateway cannot read that list page by page to filter it: {problem}.",
                    "Bind first and after to the source's page size and cursor parameters, and pageInfo.endCursor to the path of the source's next cursor."));
            }
        }
    }

    private static RowPredicate[]? CompileRole(
        ConfigFile<AccessConfig> file, string at, string roleName, string typeName, RowPolicyConfig policy, CompiledBindings bindings, List<ConfigDiagnostic> diagnostics)
    {
        var rowTypes = bindings.Types.Values.Where(t => t.IsCompleted && t != bindings.Root).Select(t => t.TypeName);
        if (!bindings.Types.TryGetValue(typeName, out var type) || !type.IsCompleted || type == bindings.Root)
        {
            diagnostics.Add(file.Error(at, $"Role '{roleName}' restricts the rows of '{typeName}', which is no object type with bindings of its own.",
                Suggestions.For(typeName, rowTypes)));
            return null;
        }

        if (policy.All.Count == 0)
        {
            diagnostics.Add(file.Error(at + ".all", $"Role '{roleName}' restricts the rows of {typeName} with no predicate, which restricts nothing.",
                "Add predicates, or remove the entry so that the role sees every row."));
            return null;
        }

        var predicates = policy.All.Select((predicate, i) => CompilePredicate(file, $"{at}.all[{i}]", type, predicate, diagnostics)).ToList();
        return predicates.Contains(null) ? null : [.. predicates.OfType<RowPredicate>()];
    }

    private static RowPredicate? CompilePredicate(ConfigFile<AccessConfig> file, string at, ObjectBinding type, RowPredicateConfig config, List<ConfigDiagnostic> diagnostics)
    {
        var problems = diagnostics.Count;
        foreach (var unknown in config.Unknown.Keys)
        {
            diagnostics.Add(file.Error($"{at}.{unknown}", $"Unknown operator '{unknown}'.",
                $"{Suggestions.For(unknown, [InClaim, EqualsClaim, "ignoreCase"])} {InClaim}: the field is one of the claim's values; {EqualsClaim}: the field is the claim's value."));
        }

        var claim = config.InClaim ?? config.EqualsClaim;
        if (config.InClaim is not null && config.EqualsClaim is not null || claim is null && config.Unknown.Count == 0)
        {
            diagnostics.Add(file.Error(at, "A row predicate needs exactly one operator: inClaim or equalsClaim.",
                "Example: { \"field\": \"country\", \"inClaim\": \"countries\" }."));
        }
        else if (claim is { Length: 0 })
        {
            diagnostics.Add(file.Error($"{at}.{(config.InClaim is null ? EqualsClaim : InClaim)}", "The predicate names no claim.",
                "Name a claim callers carry, such as countries or email."));
        }

        PathFieldBinding? field = null;
        if (!type.Fields.TryGetValue(config.Field, out var binding))
        {
            diagnostics.Add(file.Error($"{at}.field", $"Unknown field '{type.TypeName}.{config.Field}'.", Suggestions.For(config.Field, type.Fields.Keys)));
        }
        else if ((field = RowField.Comparable(binding, out var whatItIs)) is null)
        {
            diagnostics.Add(file.Error($"{at}.field", $"Field '{type.TypeName}.{config.Field}' is {whatItIs}; a row predicate compares {RowField.Requirement} with a claim."));
        }

        return diagnostics.Count > problems
            ? null
            : new RowPredicate(type.TypeName, config.Field, field!, config.InClaim is null ? EqualsClaim : InClaim, claim!, config.IgnoreCase);
    }
}
