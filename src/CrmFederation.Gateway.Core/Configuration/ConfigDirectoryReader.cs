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
        if (!System.IO.Directory.Exists(directory))
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, directory, null, "", "The gateway-config directory does not exist.",
                "Set Gateway:ConfigPath (env GATEWAY__CONFIGPATH) to the folder holding gateway.json."));
            return new RawGatewayConfig(Path.GetFullPath(directory), "", DefaultSettings(), null, null, null, [], [], []);
        }

        return Read(ConfigFileSet.Load(directory), diagnostics);
    }

    /// <summary>Reads the files of <paramref name="files"/>, which need not be on disk (a proposed change).</summary>
    public static RawGatewayConfig Read(ConfigFileSet files, List<ConfigDiagnostic> diagnostics)
    {
        var settings = files.Find(SettingsFileName) is { } settingsFile
            ? ReadJson<GatewaySettingsConfig>(settingsFile, diagnostics) ?? DefaultSettings()
            : DefaultSettings();
        var access = files.Find(AccessFileName) is { } accessFile ? ReadJson<AccessConfig>(accessFile, diagnostics) : null;
        var trusted = files.Find(TrustedDocumentsFileName) is { } trustedFile ? ReadJson<TrustedDocumentsConfig>(trustedFile, diagnostics) : null;
        var policies = files.Find(PoliciesFileName) is { } policiesFile ? ReadJson<PoliciesConfig>(policiesFile, diagnostics) : null;

        var schemaFiles = files.In("schema").Select(file => new SchemaFile(file.Path, file.Text)).ToList();
        if (schemaFiles.Count == 0)
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, "schema/", null, "", "No GraphQL schema file found.",
                "Put the public schema in schema/*.graphql."));
        }

        var sources = files.In("sources")
            .Select(f => ReadJson<SourceConfig>(f, diagnostics))
            .OfType<ConfigFile<SourceConfig>>()
            .ToList();
        var bindings = files.In("bindings")
            .Select(f => ReadJson<BindingsFileConfig>(f, diagnostics))
            .OfType<ConfigFile<BindingsFileConfig>>()
            .ToList();

        return new RawGatewayConfig(files.Directory, files.Version, settings, access, trusted, policies, schemaFiles, sources, bindings);
    }

    /// <summary>For a missing or unreadable gateway.json: every setting at its default.</summary>
    private static ConfigFile<GatewaySettingsConfig> DefaultSettings() => new(SettingsFileName, new GatewaySettingsConfig(), JsonLineIndex.Empty);

    private static ConfigFile<T>? ReadJson<T>(ConfigFileContent file, List<ConfigDiagnostic> diagnostics)
        where T : class
    {
        var relative = file.Path;
        var bytes = file.Bytes.Span;
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
}
