using System.Net.Http.Json;
using CrmFederation.SampleSystems;
using CrmFederation.SampleSystems.Data;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// The four sample systems on free ports, without a gateway of their own: each test starts the
/// <see cref="ObservedGateway"/> it observes, so spans, metrics, logs, breakers and statistics are
/// that test's alone.
/// </summary>
public sealed class ObservedSystemsFixture : IAsyncLifetime
{
    private readonly HttpClient _sim = new();

    public RunningSampleSystems Systems { get; private set; } = null!;

    public SampleDataSet Data => Systems.Data;

    public IEnumerable<Uri> BaseUrls => [Systems.CrmBaseUrl, Systems.ErpBaseUrl, Systems.HelpdeskBaseUrl, Systems.CommerceBaseUrl];

    public async Task InitializeAsync() =>
        Systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });

    public async Task DisposeAsync()
    {
        await Systems.DisposeAsync();
        _sim.Dispose();
    }

    /// <summary>Restores every system's defaults (no faults) and zeroes its call counters.</summary>
    public async Task ResetAsync()
    {
        foreach (var baseUrl in BaseUrls)
        {
            using var response = await _sim.PostAsync(new Uri(baseUrl, "/_sim/reset"), null);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Takes the ERP down: every request answers 503.</summary>
    public async Task ErpDownAsync()
    {
        using var response = await _sim.PostAsJsonAsync(new Uri(Systems.ErpBaseUrl, "/_sim/faults"), new { down = true, errorStatus = 503 });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A customer known to all four systems: a CRM record with an e-mail, an ERP account, a helpdesk organization and a shopper.</summary>
    public CrmCustomer CustomerInAllFourSystems(int skip = 0) =>
        Data.CrmCustomers.Where(c => c.PrimaryEmail is not null
                && Data.ErpAccounts.Any(a => a.CrmRef == c.Id)
                && Data.HelpdeskOrganizations.Any(o => o.ExternalId == c.Id)
                && Data.CommerceCustomers.Any(s => string.Equals(s.Email, c.PrimaryEmail, StringComparison.OrdinalIgnoreCase)))
            .Skip(skip)
            .First();

    /// <summary>CRM ids of customers that have an ERP account, so that a query for their billing calls the ERP.</summary>
    public IEnumerable<string> CustomersWithAnErpAccount() => Data.ErpAccounts.Select(a => a.CrmRef).Distinct(StringComparer.Ordinal);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservedGatewayCollection : ICollectionFixture<ObservedSystemsFixture>
{
    /// <summary>
    /// Activity and meter listeners are process-wide: this collection runs alone, after the parallel
    /// ones, so what the exporters receive comes from the one gateway under test.
    /// </summary>
    public const string Name = "Observed gateway over the sample systems";
}
