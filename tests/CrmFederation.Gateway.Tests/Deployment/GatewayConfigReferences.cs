using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>
/// What gateway-config takes from the environment: every <c>{"env": "NAME"}</c> value reference of the
/// source files and of access.json (the client credentials).
/// </summary>
public static class GatewayConfigReferences
{
    public const string AccessFile = "access.json";

    /// <summary>Each referenced variable with the file it is in (relative to gateway-config) and its default, if the reference gives one.</summary>
    public static IReadOnlyList<(string File, string Variable, string? Default)> Variables() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.GatewayConfig, "sources"), "*.json")
            .Order(StringComparer.Ordinal)
            .Append(Path.Combine(RepositoryPaths.GatewayConfig, AccessFile))
            .SelectMany(file =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                var relative = Path.GetRelativePath(RepositoryPaths.GatewayConfig, file).Replace('\\', '/');
                return References(document.RootElement).Select(r => (relative, r.Variable, r.Default)).ToList();
            })
            .ToList();

    /// <summary>The base URL default of each source: its name (the file's) and the URL.</summary>
    public static IReadOnlyDictionary<string, Uri> DefaultBaseUrls() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.GatewayConfig, "sources"), "*.json").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                return new Uri(document.RootElement.GetProperty("baseUrl").GetProperty("default").GetString()!);
            },
            StringComparer.Ordinal);

    /// <summary>The variable holding each source's base URL, by source name.</summary>
    public static IReadOnlyDictionary<string, string> BaseUrlVariables() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.GatewayConfig, "sources"), "*.json").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                return document.RootElement.GetProperty("baseUrl").GetProperty("env").GetString()!;
            },
            StringComparer.Ordinal);

    private static IEnumerable<(string Variable, string? Default)> References(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.String)
            {
                yield return (env.GetString()!, element.TryGetProperty("default", out var fallback) ? fallback.GetString() : null);
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var reference in References(property.Value))
                {
                    yield return reference;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var reference in References(item))
                {
                    yield return reference;
                }
            }
        }
    }
}
