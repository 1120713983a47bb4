using System.Text.Json.Nodes;
using CrmFederation.Gateway.Tests.Caching;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>Copies of the sample gateway-config for reload tests, the edits they make, and the breakers they open.</summary>
public static class ReloadConfigs
{
    /// <summary>The sample config with the ERP's and helpdesk's breakers opening after two failed calls and staying open for the test.</summary>
    public static ConfigSandbox WithQuickBreakers() =>
        ConfigSandbox.CopyOfSample()
            .EditJson("sources/erp.json", QuickBreaker)
            .EditJson("sources/helpdesk.json", QuickBreaker);

    /// <summary>Edits that change no value: a comment and blank lines in every config file.</summary>
    public static void CommentEveryFile(ConfigSandbox config)
    {
        foreach (var file in Directory.GetFiles(config.Directory, "*.json", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, "// reviewed, nothing changed\n\n" + File.ReadAllText(file) + "\n\n");
        }

        foreach (var file in Directory.GetFiles(config.Directory, "*.graphql", SearchOption.AllDirectories))
        {
            File.AppendAllText(file, "\n# reviewed, nothing changed\n");
        }
    }

    /// <summary>Makes <paramref name="source"/> fail every call until its circuit opens (seen on the status page), then lifts the fault.</summary>
    public static async Task OpenCircuitAsync(CachingSystemsFixture fixture, ReloadGateway gateway, Uri system, string source, string field, int firstCustomer)
    {
        await fixture.SetFaultsAsync(system, new { errorRate = 1.0 });
        for (var i = firstCustomer; await gateway.CircuitOfAsync(source) != "open"; i++)
        {
            Assert.True(i < firstCustomer + 10, $"The {source} circuit did not open.");
            await gateway.Client.QueryAsync($"query($id: ID!) {{ customer(id: $id) {{ {field} }} }}", new { id = fixture.Customers.FullyLinked(i).Id });
        }

        await fixture.SetFaultsAsync(system, new { errorRate = 0.0 });
    }

    private static void QuickBreaker(JsonNode source) =>
        source["resilience"] = JsonNode.Parse("""{ "retry": { "maxRetries": 0 }, "circuitBreaker": { "minimumThroughput": 2, "breakDurationMs": 600000 } }""");
}
