using CrmFederation.Gateway.Configuration;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Host;

/// <summary>
/// <c>--demo</c> (or <c>Gateway__Demo=true</c>): starts the four sample systems in-process and supplies
/// their URLs and sample credentials, the sample API keys (<see cref="DemoApiKeys"/>) and a JWT signing key
/// for sample tokens (<see cref="DemoTokens"/>) to gateway-config, unless the environment already sets them.
/// </summary>
public static class DemoMode
{
    public static async Task<RunningSampleSystems?> StartIfRequestedAsync(string[] args, ConfigurationManager configuration)
    {
        if (!args.Contains("--demo") && !configuration.GetValue<bool>($"{GatewayOptions.SectionName}:Demo"))
        {
            return null;
        }

        var systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions
        {
            CrmPort = configuration.GetValue("Demo:CrmPort", 7101),
            ErpPort = configuration.GetValue("Demo:ErpPort", 7102),
            HelpdeskPort = configuration.GetValue("Demo:HelpdeskPort", 7103),
            CommercePort = configuration.GetValue("Demo:CommercePort", 7104),
        });
        var defaults = Variables(systems).Where(v => string.IsNullOrEmpty(configuration[v.Key]));
        configuration.AddInMemoryCollection(defaults);
        Console.WriteLine($"Demo mode: sample systems at {systems.CrmBaseUrl}, {systems.ErpBaseUrl}, {systems.HelpdeskBaseUrl}, {systems.CommerceBaseUrl}");
        return systems;
    }

    /// <summary>The variables gateway-config's sample sources reference, pointing at <paramref name="systems"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Variables(RunningSampleSystems systems) =>
    [
        new("CRMFED_CRM_BASE_URL", systems.CrmBaseUrl.ToString()),
        new("CRMFED_CRM_CLIENT_ID", SampleCredentials.CrmClientId),
        new("CRMFED_CRM_CLIENT_SECRET", SampleCredentials.CrmClientSecret),
        new("CRMFED_ERP_BASE_URL", systems.ErpBaseUrl.ToString()),
        new("CRMFED_ERP_USER", SampleCredentials.ErpUser),
        new("CRMFED_ERP_PASSWORD", SampleCredentials.ErpPassword),
        new("CRMFED_HELPDESK_BASE_URL", systems.HelpdeskBaseUrl.ToString()),
        new("CRMFED_HELPDESK_TOKEN", SampleCredentials.HelpdeskToken),
        new("CRMFED_COMMERCE_BASE_URL", systems.CommerceBaseUrl.ToString()),
        new("CRMFED_COMMERCE_TOKEN", SampleCredentials.CommerceToken),
        new(DemoApiKeys.Variable, DemoApiKeys.Secret()),
        new(DemoTokens.Variable, DemoTokens.SigningKey),
    ];
}
