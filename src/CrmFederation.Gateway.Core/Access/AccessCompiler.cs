using System.Collections.Frozen;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Checks <c>access.json</c> (scope and role names, every role's scopes known and its limits, the API key
/// secret, the JWT settings, the anonymous role) and <c>trusted-documents.json</c>, and compiles them.
/// Diagnostics about the API key secret name the entry, never its content.
/// </summary>
public static partial class AccessCompiler
{
    private const string ApiKeysPath = "$.authentication.apiKeys";

    private static readonly JsonSerializerOptions ApiKeyJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static AccessModel Compile(
        ConfigFile<AccessConfig>? file, ConfigFile<TrustedDocumentsConfig>? trustedDocumentsFile, ValueResolver values, List<ConfigDiagnostic> diagnostics)
    {
        var trustedDocuments = TrustedDocumentCompiler.Compile(trustedDocumentsFile, diagnostics);
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
                        KnownNamesHint("scopes", config.Scopes.Keys)));
                }
            }

            roles[name] = role.Scopes.ToFrozenSet(StringComparer.Ordinal);
        }

        var authentication = config.Authentication;
        var apiKeys = authentication.ApiKeys is { } reference
            ? CompileApiKeys(file, reference, values, roles.Keys, diagnostics)
            : ApiKeyRegistry.Empty;
        var jwt = authentication.Jwt is { } jwtConfig ? JwtCompiler.Compile(file, jwtConfig, values, diagnostics) : null;
        if (authentication.Anonymous is { } anonymous && !roles.ContainsKey(anonymous.Role))
        {
            diagnostics.Add(file.Error("$.authentication.anonymous.role", $"Callers without credentials are given the unknown role '{anonymous.Role}'.",
                KnownNamesHint("roles", roles.Keys)));
        }

        var (rateLimits, trustedDocumentRoles) = RoleLimitsCompiler.Compile(file, trustedDocuments, diagnostics);
        return new AccessModel(
            config.Scopes.Keys.ToFrozenSet(StringComparer.Ordinal),
            roles.ToFrozenDictionary(StringComparer.Ordinal),
            apiKeys,
            jwt,
            authentication.Anonymous?.Role)
        {
            RateLimits = rateLimits,
            TrustedDocumentRoles = trustedDocumentRoles,
            TrustedDocuments = trustedDocuments,
        };
    }

    /// <summary>The hint for an unknown scope or role name: the known ones.</summary>
    public static string KnownNamesHint(string what, IEnumerable<string> known) =>
        $"Known {what}: {string.Join(", ", known.Order(StringComparer.Ordinal))}. Declare new {what} in access.json.";

    private static ApiKeyRegistry CompileApiKeys(
        ConfigFile<AccessConfig> file, ValueReference reference, ValueResolver values, IEnumerable<string> roleNames, List<ConfigDiagnostic> diagnostics)
    {
        if (values.Resolve(file, ApiKeysPath, "API keys secret", reference,
                "Set it to a JSON array of {name, sha256, roles, expires?, claims?}.", "[]", diagnostics) is not { } secret)
        {
            return ApiKeyRegistry.Empty;
        }

        IReadOnlyList<ApiKeyConfig>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<IReadOnlyList<ApiKeyConfig>>(secret, ApiKeyJson);
        }
        catch (JsonException ex)
        {
            // The secret's own text stays out of the message; the path says which entry and property.
            diagnostics.Add(file.Error(ApiKeysPath, $"The API keys ({reference}) are not a valid JSON array of keys: at {ex.Path ?? "$"}.",
                "Each entry is {\"name\": \"bi-tool\", \"sha256\": \"<64 hex digits>\", \"roles\": [\"analyst\"], \"expires\": \"2027-01-01T00:00:00Z\"}."));
            return ApiKeyRegistry.Empty;
        }

        var known = roleNames.ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<ApiKey>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i];
            var where = $"The API key #{i + 1} ({reference})";
            if (!names.Add(entry.Name))
            {
                diagnostics.Add(file.Error(ApiKeysPath, $"{where} repeats the name '{entry.Name}'.", "Give every key its own name: logs, audit and rate limits tell keys apart by it."));
            }

            if (entry.Sha256.Length != 64 || !entry.Sha256.All(char.IsAsciiHexDigit))
            {
                diagnostics.Add(file.Error(ApiKeysPath, $"{where}, '{entry.Name}', has no valid sha256.",
                    "Store the lower-case hex SHA-256 of the key (64 digits), e.g. printf %s \"$KEY\" | sha256sum; never the key itself."));
                continue;
            }

            foreach (var role in entry.Roles.Where(r => !known.Contains(r)))
            {
                diagnostics.Add(file.Error(ApiKeysPath, $"{where}, '{entry.Name}', holds the unknown role '{role}'.", KnownNamesHint("roles", known)));
            }

            foreach (var claim in entry.Claims.Keys.Where(CallerClaims.Reserved.Contains))
            {
                diagnostics.Add(file.Error(ApiKeysPath, $"{where}, '{entry.Name}', sets the reserved claim '{claim}'.",
                    "name, role and scope come from the key's name and roles; use claims for other facts, such as countries."));
            }

            var claims = entry.Claims
                .Where(c => !CallerClaims.Reserved.Contains(c.Key))
                .SelectMany(c => c.Value.Select(value => new Claim(c.Key, value)))
                .ToList();
            keys.Add(new ApiKey(entry.Name, Convert.FromHexString(entry.Sha256), entry.Roles, entry.Expires, claims));
        }

        return new ApiKeyRegistry(keys);
    }

    [GeneratedRegex("^[a-z][a-z0-9_:-]*$")]
    private static partial Regex NamePattern();
}
