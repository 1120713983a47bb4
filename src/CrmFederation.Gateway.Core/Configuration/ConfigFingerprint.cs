using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// A short hash of parsed config values, written as JSON with every object's properties sorted: equal
/// values give equal fingerprints whatever the files' comments, whitespace or property order. Runtime
/// state (cache entries, breakers, tokens) is keyed by these, so that it survives edits that change nothing it depends on.
/// </summary>
public static class ConfigFingerprint
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of(params object?[] parts)
    {
        var canonical = new JsonArray(parts.Select(part => Sorted(JsonSerializer.SerializeToNode(part, Options))).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString())))[..16];
    }

    /// <summary>A secret's own hash, for fingerprints that must change with it without holding it.</summary>
    public static string OfSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("crmfed secret\n" + secret)));

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(item => Sorted(item)).ToArray()),
        _ => node?.DeepClone(),
    };
}
