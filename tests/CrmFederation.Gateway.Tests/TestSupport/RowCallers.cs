using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// API keys of callers under the sample row policies (regional-agent: countries claim; account-rep:
/// email claim), alongside the demo keys, as the <c>CRMFED_API_KEYS</c> secret holds them.
/// </summary>
public static class RowCallers
{
    public const string Germany = "rows-germany-key";
    public const string Dach = "rows-dach-key";
    public const string Rep = "rows-rep-key";
    public const string RepOrFrance = "rows-rep-or-france-key";
    public const string AgentWithoutCountries = "rows-no-countries-key";

    /// <summary>The owner whose customers <see cref="Rep"/> sees, as the CRM spells it.</summary>
    public const string RepEmail = "olivia.martin@crmfed.example";

    /// <summary>The same address as the rep's claim spells it: row policies on e-mails ignore case.</summary>
    public const string RepClaim = "Olivia.Martin@CRMFED.example";

    public const string OtherRepEmail = "noah.becker@crmfed.example";

    public static readonly string[] DachCountries = ["DE", "CH", "NL"];

    public static string Secret()
    {
        var keys = JsonNode.Parse(DemoApiKeys.Secret())!.AsArray();
        Add(keys, Germany, ["regional-agent"], new { countries = new[] { "DE" } });
        Add(keys, Dach, ["regional-agent"], new { countries = DachCountries });
        Add(keys, Rep, ["account-rep"], new { email = new[] { RepClaim } });
        Add(keys, RepOrFrance, ["account-rep", "regional-agent"], new { email = new[] { OtherRepEmail }, countries = new[] { "FR" } });
        Add(keys, AgentWithoutCountries, ["regional-agent"], new { });
        return keys.ToJsonString();
    }

    private static void Add(JsonArray keys, string key, string[] roles, object claims) =>
        keys.Add(JsonSerializer.SerializeToNode(new { name = key.Replace("-key", "", StringComparison.Ordinal), sha256 = ApiKeyRegistry.HashOf(key), roles, claims }));
}
