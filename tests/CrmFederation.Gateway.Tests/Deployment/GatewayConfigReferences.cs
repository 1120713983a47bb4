using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>
/// What a gateway-config directory takes from the environment: every <c>{"env": "NAME"}</c> value reference
/// of its source files, and of access.json (the client credentials). Tests derive the sources and their
/// variables from here instead of naming four.
/// </summary>
public static class GatewayConfigReferences
{
    public const string AccessFile = "access.json";

    /// <summary>Each referenced variable with the file it is in, the property holding it (baseUrl, token, …) and its default.</summary>
    public static IReadOnlyList<(string File, string Property, string Variable, string? Default)> Variables(string? configDirectory = null) =>
        SourceFiles(configDirectory)
            .SelectMany(file =>
            {
                // A file that is not JSON references nothing here; the config compiler reports it.
                using var document = TryParse(file);
                return document is null ? [] : References("", document.RootElement).Select(r => (Path.GetFileName(file), r.Property, r.Variable, r.Default)).ToList();
            })
            .ToList();

    /// <summary>Each variable access.json references (API key hashes, the JWT signing key …) with the property holding it.</summary>
    public static IReadOnlyList<(string Property, string Variable, string? Default)> AccessVariables(string? configDirectory = null)
    {
        var file = Path.Combine(configDirectory ?? RepositoryPaths.GatewayConfig, AccessFile);
        using var document = File.Exists(file) ? TryParse(file) : null;
        return document is null ? [] : References("", document.RootElement).ToList();
    }

    /// <summary>The base URL default of each source: its name (the file's) and the URL.</summary>
    public static IReadOnlyDictionary<string, Uri> DefaultBaseUrls(string? configDirectory = null) =>
        SourceFiles(configDirectory).ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => new Uri(BaseUrl(file).GetProperty("default").GetString()!),
            StringComparer.Ordinal);

    /// <summary>The variable holding each source's base URL, by source name.</summary>
    public static IReadOnlyDictionary<string, string> BaseUrlVariables(string? configDirectory = null) =>
        SourceFiles(configDirectory).ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => BaseUrl(file).GetProperty("env").GetString()!,
            StringComparer.Ordinal);

    /// <summary>
    /// The sources the sample systems serve (their base URL defaults to a sample system's port), by name,
    /// with that port. Any other source is a system of the deployment's own.
    /// </summary>
    public static IReadOnlyDictionary<string, int> SampleBackedSources(string? configDirectory = null)
    {
        var options = new SampleSystemsOptions();
        int[] samplePorts = [options.CrmPort, options.ErpPort, options.HelpdeskPort, options.CommercePort];
        return DefaultBaseUrls(configDirectory)
            .Where(source => samplePorts.Contains(source.Value.Port))
            .ToDictionary(source => source.Key, source => source.Value.Port, StringComparer.Ordinal);
    }

    private static IEnumerable<string> SourceFiles(string? configDirectory) =>
        Directory.GetFiles(Path.Combine(configDirectory ?? RepositoryPaths.GatewayConfig, "sources"), "*.json").Order(StringComparer.Ordinal);

    private static JsonDocument? TryParse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement BaseUrl(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.GetProperty("baseUrl").Clone();
    }

    private static IEnumerable<(string Property, string Variable, string? Default)> References(string property, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.String)
            {
                yield return (property, env.GetString()!, element.TryGetProperty("default", out var fallback) ? fallback.GetString() : null);
            }

            foreach (var child in element.EnumerateObject())
            {
                foreach (var reference in References(child.Name, child.Value))
                {
                    yield return reference;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var reference in References(property, item))
                {
                    yield return reference;
                }
            }
        }
    }
}
