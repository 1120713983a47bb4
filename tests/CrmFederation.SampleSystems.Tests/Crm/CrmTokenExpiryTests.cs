using System.Net.Http.Headers;

namespace CrmFederation.SampleSystems.Tests.Crm;

/// <summary>Token expiry, each test on systems of its own with its own token lifetime.</summary>
public sealed class CrmTokenExpiryTests
{
    [Fact]
    public async Task Customers_TokenPastItsLifetimeOnTheClock_Returns401()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var systems = await TestSystems.StartAsync(o =>
        {
            o.CustomerCount = 100;
            o.CrmTokenLifetime = TimeSpan.FromMinutes(10);
            o.TimeProvider = clock;
        });

        clock.Advance(TimeSpan.FromMinutes(9));
        var (before, _) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");
        clock.Advance(TimeSpan.FromMinutes(1));
        var (after, body) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.Equal("unauthorized", body.Error());
    }

    [Fact]
    public async Task Customers_ShortRealLifetime_TokenExpiresAndANewOneWorks()
    {
        await using var systems = await TestSystems.StartAsync(o =>
        {
            o.CustomerCount = 100;
            o.CrmTokenLifetime = TimeSpan.FromSeconds(1);
        });
        var (fresh, _) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");

        await Task.Delay(TimeSpan.FromMilliseconds(1_300));
        var (expired, _) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");
        systems.Crm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await systems.RequestCrmTokenAsync());
        var (renewed, _) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");

        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Equal(HttpStatusCode.OK, renewed);
    }

    [Fact]
    public async Task Token_ShortLifetime_ReportsItInExpiresIn()
    {
        await using var systems = await TestSystems.StartAsync(o =>
        {
            o.CustomerCount = 100;
            o.CrmTokenLifetime = TimeSpan.FromSeconds(90);
        });

        using var response = await systems.Anonymous.PostAsync(new Uri(systems.Running.CrmBaseUrl, "/oauth/token"), TestSystems.ClientCredentials());

        Assert.Equal(90, (await response.ReadJsonAsync()).GetProperty("expires_in").GetInt32());
    }
}
