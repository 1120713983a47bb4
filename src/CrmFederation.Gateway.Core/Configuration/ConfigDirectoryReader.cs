using System.Security.Cryptography;
using System.Text.Json;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Reads a gateway-config directory: <c>gateway.json</c>, <c>access.json</c>, <c>trusted-documents.json</c>, <c>policies.json</c>, <c>schema/*.graphql</c>, <c>sources/*.json</c>
/// and <c>bindings/*.json</c>. Structural problems (bad JSON, unknown or mistyped properties) become
/// diagnostics with file and line; reading goes on so that one run lists every problem.
/// </summary>
public static class ConfigDirectoryReader
{
    public const string SettingsFileName = "gateway.json";

    public const string AccessFileName = "access.json";

    public const string TrustedDocumentsFileName = "trusted-documents.json";

    public const string PoliciesFileName = "policies.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        PropertyNameCaseInsensitive = false,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static RawGatewayConfig Read(string directory, List<ConfigDiagnostic> diagnostics)
    {
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, directory, null, "", "The gateway-config directory does not exist.",
                "Set Gateway:ConfigPath (env GATEWAY__CONFIGPATH) to the folder holding gateway.json."));
            return new RawGatewayConfig(root, "", DefaultSettings(), null, null, null, [], [], []);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var settingsPath = Path.Combine(root, SettingsFileName);
        var settings = File.Exists(settingsPath)
            ? ReadJson<GatewaySettingsConfig>(root, settingsPath, hash, diagnostics) ?? DefaultSettings()
            : DefaultSettings();
        var accessPath = Path.Combine(root, AccessFileName);
        var access = File.Exists(accessPath) ? ReadJson<AccessConfig>(root, accessPath, hash, diagnostics) : null;
        var trustedPath = Path.Combine(root, TrustedDocumentsFileName);
        var trusted = File.Exists(trustedPath) ? ReadJson<TrustedDocumentsConfig>(root, trustedPath, hash, diagnostics) : null;
        var policiesPath = Path.Combine(root, PoliciesFileName);
        var policies = File.Exists(policiesPath) ? ReadJson<PoliciesConfig>(root, policiesPath, hash, diagnostics) : null;

        var schemaFiles = new List<SchemaFile>();
        foreach (var file in FilesIn(root, "schema", "*.graphql"))
        {
            var text = File.ReadAllText(file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
            schemaFiles.Add(new SchemaFile(Relative(root, file), text));
        }

        if (schemaFiles.Count == 0)
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, "schema/", null, "", "No GraphQL schema file found.",
                "Put the public schema in schema/*.graphql."));
        }

        var sources = FilesIn(root, "sources", "*.json")
            .Select(f => ReadJson<SourceConfig>(root, f, hash, diagnostics))
            .OfType<ConfigFile<SourceConfig>>()
            .ToList();
        var bindings = FilesIn(root, "bindings", "*.json")
            .Select(f => ReadJson<BindingsFileConfig>(root, f, hash, diagnostics))
            .OfType<ConfigFile<BindingsFileConfig>>()
            .ToList();

        var version = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return new RawGatewayConfig(root, version, settings, access, trusted, policies, schemaFiles, sources, bindings);
    }

    /// <summary>For a missing or unreadable gateway.json: every setting at its default.</summary>
    private static ConfigFile<GatewaySettingsConfig> DefaultSettings() => new(SettingsFileName, new GatewaySettingsConfig(), JsonLineIndex.Empty);

    private static IEnumerable<string> FilesIn(string root, string folder, string pattern)
    {
        var path = Path.Combine(root, folder);
        return System.IO.Directory.Exists(path)
            ? System.IO.Directory.GetFiles(path, pattern).Order(StringComparer.Ordinal)
            : [];
    }

    private static ConfigFile<T>? ReadJson<T>(string root, string file, IncrementalHash hash, List<ConfigDiagnostic> diagnostics)
        where T : class
    {
        var relative = Relative(root, file);
        var bytes = File.ReadAllBytes(file);
        hash.AppendData(bytes);
        var lines = JsonLineIndex.Build(bytes);
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            if (value is null)
            {
                diagnostics.Add(new(DiagnosticSeverity.Error, relative, 1, "$", "The file holds null instead of an object."));
                return null;
            }

            return new ConfigFile<T>(relative, value, lines);
        }
        catch (JsonException ex)
        {
            var path = ex.Path ?? "$";
            var line = (int?)(ex.LineNumber + 1);
            if (ex.Data[FieldBindingMapConverter.RelativePathKey] is string below)
            {
                path = path + "." + below;
                line = lines.LineOf(path) ?? line;
            }

            diagnostics.Add(new(DiagnosticSeverity.Error, relative, line, path,
                CleanMessage(ex.Message),
                "Check the property names and value types against gateway-config.schema.json."));
            return null;
        }
    }

    public static string CleanMessage(string message)
    {
        // System.Text.Json appends its own "Path: … | LineNumber: …" suffix; the diagnostic has those fields already.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
