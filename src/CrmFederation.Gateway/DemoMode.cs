using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Host;

/// <summary>
/// <c>--demo</c> (or <c>Gateway__Demo=true</c>): starts the four sample systems in-process and supplies
/// the variables of gateway-config's four sample sources (their URLs and sample credentials) and the
/// sample API keys (<see cref="DemoApiKeys"/>) and a JWT signing key for sample tokens (<see cref="DemoTokens"/>), unless the environment already sets them. It knows
/// nothing of any other source: that one's variables come from the environment, as without demo mode.
/// <c>--demo</c> also sets <c>Gateway:Demo</c>, which opens introspection to every caller.
/// </summary>
public static class DemoMode
{
    private static readonly (string Name, Func<RunningSampleSystems, string> Value)[] Supplied =
    [
        ("CRMFED_CRM_BASE_URL", systems => systems.CrmBaseUrl.ToString()),
        ("CRMFED_CRM_CLIENT_ID", _ => SampleCredentials.CrmClientId),
        ("CRMFED_CRM_CLIENT_SECRET", _ => SampleCredentials.CrmClientSecret),
        ("CRMFED_ERP_BASE_URL", systems => systems.ErpBaseUrl.ToString()),
        ("CRMFED_ERP_USER", _ => SampleCredentials.ErpUser),
        ("CRMFED_ERP_PASSWORD", _ => SampleCredentials.ErpPassword),
        ("CRMFED_HELPDESK_BASE_URL", systems => systems.HelpdeskBaseUrl.ToString()),
        ("CRMFED_HELPDESK_TOKEN", _ => SampleCredentials.HelpdeskToken),
        ("CRMFED_COMMERCE_BASE_URL", systems => systems.CommerceBaseUrl.ToString()),
        ("CRMFED_COMMERCE_TOKEN", _ => SampleCredentials.CommerceToken),
        (DemoApiKeys.Variable, _ => DemoApiKeys.Secret()),
        (DemoTokens.Variable, _ => DemoTokens.SigningKey),
    ];

    /// <summary>The names of the variables demo mode supplies.</summary>
    public static FrozenSet<string> SuppliedVariables { get; } = Supplied.Select(v => v.Name).ToFrozenSet(StringComparer.Ordinal);

    public static async Task<RunningSampleSystems> StartAsync(ConfigurationManager configuration)
    {
        var systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions
        {
            CrmPort = configuration.GetValue("Demo:CrmPort", 7101),
            ErpPort = configuration.GetValue("Demo:ErpPort", 7102),
            HelpdeskPort = configuration.GetValue("Demo:HelpdeskPort", 7103),
            CommercePort = configuration.GetValue("Demo:CommercePort", 7104),
        });
        var defaults = Variables(systems).Where(v => string.IsNullOrEmpty(configuration[v.Key])).ToList();
        configuration.AddInMemoryCollection(defaults.Append(new($"{GatewayOptions.SectionName}:Demo", "true")));
        Console.WriteLine($"Demo mode: sample systems at {systems.CrmBaseUrl}, {systems.ErpBaseUrl}, {systems.HelpdeskBaseUrl}, {systems.CommerceBaseUrl}.");
        Console.WriteLine($"Demo mode supplies {string.Join(", ", defaults.Select(v => v.Key))}; " +
            "any other variable gateway-config references (a source beyond the four samples) must come from the environment.");
        return systems;
    }

    /// <summary>The variables gateway-config's sample sources reference, pointing at <paramref name="systems"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Variables(RunningSampleSystems systems) =>
        Supplied.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value(systems)));

    /// <summary>What to add to the hint for an unset variable: --demo where it would supply it, and that it does not where it would not.</summary>
    public static string? AdviceFor(string variable, bool demoRunning) => (SuppliedVariables.Contains(variable), demoRunning) switch
    {
        (true, false) => "Or start the gateway with --demo, which supplies it for the sample systems.",
        (false, true) => "Demo mode supplies only the sample systems' variables, not this one: set it in the environment.",
        _ => null,
    };
}
