using System.Text.Json;
using CrmFederation.Gateway.Access;

namespace CrmFederation.Gateway.Host;

/// <summary>
/// The documented sample API keys demo mode accepts, one per sample role. They are public
/// knowledge: demo mode only, never in a real deployment.
/// </summary>
public static class DemoApiKeys
{
    public const string Variable = "CRMFED_API_KEYS";

    public const string Admin = "demo-admin-key";

    public const string Agent = "demo-agent-key";

    public const string Analyst = "demo-analyst-key";

    /// <summary>A front-end app's key: its role runs the trusted documents only.</summary>
    public const string Frontend = "demo-frontend-key";

    /// <summary>The API key secret (hashes only) for the sample keys.</summary>
    public static string Secret() => JsonSerializer.Serialize(new[]
    {
        new { name = "demo-admin", sha256 = ApiKeyRegistry.HashOf(Admin), roles = new[] { "admin" } },
        new { name = "demo-agent", sha256 = ApiKeyRegistry.HashOf(Agent), roles = new[] { "agent" } },
        new { name = "demo-analyst", sha256 = ApiKeyRegistry.HashOf(Analyst), roles = new[] { "analyst" } },
        new { name = "demo-frontend", sha256 = ApiKeyRegistry.HashOf(Frontend), roles = new[] { "frontend" } },
    });
}
