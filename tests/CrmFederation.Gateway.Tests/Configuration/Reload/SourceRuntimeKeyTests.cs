using System.Text.Json.Nodes;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>
/// What a source's state is keyed by, compiled from copies of the sample config: values, never the
/// files' text. Cache entries follow each endpoint's own settings; breakers and tokens follow the source's.
/// </summary>
public sealed class SourceRuntimeKeyTests : IDisposable
{
    private readonly UpstreamConnectionPool _pool = new();
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly SourceRuntimeRegistry _runtimes = new(new SourceResilienceFactory(TimeProvider.System), TimeProvider.System);

    public void Dispose()
    {
        _services.Dispose();
        _pool.Dispose();
    }

    [Fact]
    public void Compile_CommentsAndReorderedProperties_SameCacheScopesRuntimesAndTokens()
    {
        using var original = ConfigSandbox.CopyOfSample();
        using var reformatted = ConfigSandbox.CopyOfSample().EditJson("sources/crm.json", Reversed);
        ReloadConfigs.CommentEveryFile(reformatted);

        var before = Compile(original);
        var after = Compile(reformatted);

        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(CacheScopes(before), CacheScopes(after));
        Assert.All(before.Clients, client => Assert.Same(client.Value.Runtime, after.Clients[client.Key].Runtime));
        Assert.NotNull(before.Clients["crm"].Tokens);
        Assert.Same(before.Clients["crm"].Tokens, after.Clients["crm"].Tokens);
    }

    [Fact]
    public void Compile_OneEndpointsQueryChanged_OnlyThatEndpointsCacheScopeChanges()
    {
        using var original = ConfigSandbox.CopyOfSample();
        using var changed = ConfigSandbox.CopyOfSample()
            .EditJson("sources/erp.json", erp => erp["endpoints"]!["invoicesByAccount"]!["query"] = new JsonObject { ["status"] = "open" });

        var before = CacheScopes(Compile(original));
        var after = CacheScopes(Compile(changed));

        Assert.Equal(["erp.invoicesByAccount"], before.Keys.Where(endpoint => before[endpoint] != after[endpoint]));
    }

    [Fact]
    public void Compile_OtherCredentials_NewCacheScopesAndTokenForThatSourceOnly()
    {
        using var config = ConfigSandbox.CopyOfSample();
        var before = Compile(config);
        var after = Compile(config, ConfigSandbox.VariablesWith(("CRMFED_CRM_CLIENT_ID", "another-client")));

        var (scopesBefore, scopesAfter) = (CacheScopes(before), CacheScopes(after));
        Assert.All(scopesBefore.Keys, endpoint => Assert.Equal(endpoint.StartsWith("crm.", StringComparison.Ordinal), scopesBefore[endpoint] != scopesAfter[endpoint]));
        Assert.NotSame(before.Clients["crm"].Tokens, after.Clients["crm"].Tokens);
        Assert.Same(before.Clients["crm"].Runtime, after.Clients["crm"].Runtime);
    }

    [Fact]
    public void Compile_RotatedClientSecret_NewTokenSameCacheScopes()
    {
        using var config = ConfigSandbox.CopyOfSample();
        var before = Compile(config);
        var after = Compile(config, ConfigSandbox.VariablesWith(("CRMFED_CRM_CLIENT_SECRET", "rotated-secret")));

        Assert.Equal(CacheScopes(before), CacheScopes(after));
        Assert.NotSame(before.Clients["crm"].Tokens, after.Clients["crm"].Tokens);
    }

    [Fact]
    public void Release_OneSourceChanged_DisposesOnlyItsOldRuntime()
    {
        using var config = ConfigSandbox.CopyOfSample();
        var before = Compile(config);
        config.Replace("sources/helpdesk.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 3000,");
        var after = Compile(config);

        var released = _runtimes.Release([after]);

        Assert.Equal(1, released);
        Assert.Throws<ObjectDisposedException>(() => before.Clients["helpdesk"].Resilience.ConcurrencyHeadroom);
        Assert.All(after.Clients.Values, client => Assert.True(client.Resilience.ConcurrencyHeadroom > 0));
    }

    private GatewaySnapshot Compile(ConfigSandbox config, IReadOnlyDictionary<string, string>? variables = null)
    {
        var values = variables ?? ConfigSandbox.SampleVariables;
        return new GatewayConfigCompiler(new SourceClientFactory(_pool, _runtimes, TimeProvider.System), _services)
            .Compile(config.Directory, name => values.GetValueOrDefault(name));
    }

    private static Dictionary<string, string> CacheScopes(GatewaySnapshot snapshot) =>
        snapshot.Sources.Values.SelectMany(source => source.Endpoints.Values).ToDictionary(endpoint => endpoint.DisplayName, endpoint => endpoint.CacheScope);

    /// <summary>The same object with its properties in reverse order, all the way down.</summary>
    private static void Reversed(JsonNode node)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        var properties = obj.Reverse().ToList();
        obj.Clear();
        foreach (var (name, value) in properties)
        {
            var detached = value?.DeepClone();
            if (detached is not null)
            {
                Reversed(detached);
            }

            obj[name] = detached;
        }
    }
}
