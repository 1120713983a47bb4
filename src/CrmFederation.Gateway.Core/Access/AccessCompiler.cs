using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Access;

/// <summary>Checks <c>access.json</c> (scope and role names, every role's scopes known) and compiles it.</summary>
public static partial class AccessCompiler
{
    public static AccessModel Compile(ConfigFile<AccessConfig>? file, List<ConfigDiagnostic> diagnostics)
    {
        if (file is null)
        {
            return AccessModel.Empty;
        }

        var config = file.Value;
        foreach (var scope in config.Scopes.Keys.Where(s => !NamePattern().IsMatch(s)))
        {
            diagnostics.Add(file.Error($"$.scopes.{scope}", $"The scope name '{scope}' is not allowed.",
                "Use lower-case letters, digits, '-', '_' and ':', starting with a letter (e.g. pii, finance:write)."));
        }

        var roles = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var (name, role) in config.Roles)
        {
            if (!NamePattern().IsMatch(name))
            {
                diagnostics.Add(file.Error($"$.roles.{name}", $"The role name '{name}' is not allowed.",
                    "Use lower-case letters, digits, '-', '_' and ':', starting with a letter (e.g. agent, bi-analyst)."));
            }

            for (var i = 0; i < role.Scopes.Count; i++)
            {
                if (!config.Scopes.ContainsKey(role.Scopes[i]))
                {
                    diagnostics.Add(file.Error($"$.roles.{name}.scopes[{i}]", $"Role '{name}' grants the unknown scope '{role.Scopes[i]}'.",
                        KnownScopesHint(config.Scopes.Keys)));
                }
            }

            roles[name] = role.Scopes.ToFrozenSet(StringComparer.Ordinal);
        }

        return new AccessModel(config.Scopes.Keys.ToFrozenSet(StringComparer.Ordinal), roles.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The hint for an unknown scope name: the known ones.</summary>
    public static string KnownScopesHint(IEnumerable<string> known) =>
        $"Known scopes: {string.Join(", ", known.Order(StringComparer.Ordinal))}. Declare new scopes under \"scopes\" in access.json.";

    [GeneratedRegex("^[a-z][a-z0-9_:-]*$")]
    private static partial Regex NamePattern();
}
