using System.Net.Sockets;

namespace CrmFederation.SampleSystems.Tests.Hosting;

public sealed class SampleSystemsHostTests
{
    [Fact]
    public async Task StartAsync_PortZero_BindsFourDistinctFreePortsOnLoopback()
    {
        await using var systems = await TestSystems.StartAsync(o => o.CustomerCount = 50);
        var urls = systems.BaseUrls;

        Assert.Equal(4, urls.Select(u => u.Port).Distinct().Count());
        Assert.All(urls, u =>
        {
            Assert.Equal("http", u.Scheme);
            Assert.Equal("127.0.0.1", u.Host);
            Assert.NotEqual(0, u.Port);
            Assert.Equal("/", u.AbsolutePath);
        });
        Assert.Equal(50, systems.Data.CrmCustomers.Count);
    }

    [Fact]
    public async Task DisposeAsync_StopsListening()
    {
        var systems = await TestSystems.StartAsync(o => o.CustomerCount = 50);
        var port = systems.Running.ErpBaseUrl.Port;

        await systems.DisposeAsync();
        await systems.DisposeAsync();

        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task StartAsync_PortAlreadyTaken_ThrowsAndStopsWhatItStarted()
    {
        using var blocker = new TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var taken = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var crmPort = FreePort();

        await Assert.ThrowsAnyAsync<IOException>(() => SampleSystemsHost.StartAsync(new SampleSystemsOptions
        {
            CrmPort = crmPort,
            ErpPort = 0,
            HelpdeskPort = taken,
            CommercePort = 0,
            CustomerCount = 50,
        }));

        using var probe = new TcpListener(System.Net.IPAddress.Loopback, crmPort);
        probe.Start();
        probe.Stop();
    }

    [Theory]
    [InlineData("CrmPort")]
    [InlineData("CustomerCount")]
    [InlineData("LatencyMs")]
    [InlineData("CrmTokenLifetime")]
    [InlineData("HelpdeskRateLimitPerSecond")]
    public async Task StartAsync_InvalidOption_ThrowsNamingIt(string option)
    {
        var options = new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0, CustomerCount = 10 };
        switch (option)
        {
            case "CrmPort": options.CrmPort = 70_000; break;
            case "CustomerCount": options.CustomerCount = 0; break;
            case "LatencyMs": options.LatencyMs = -1; break;
            case "CrmTokenLifetime": options.CrmTokenLifetime = TimeSpan.Zero; break;
            default: options.HelpdeskRateLimitPerSecond = -1; break;
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SampleSystemsHost.StartAsync(options));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Options_Defaults_AreTheContractsSampleDeployment()
    {
        var options = new SampleSystemsOptions();

        Assert.Equal((7101, 7102, 7103, 7104), (options.CrmPort, options.ErpPort, options.HelpdeskPort, options.CommercePort));
        Assert.Equal(42, options.Seed);
        Assert.Equal(10_000, options.CustomerCount);
        Assert.Equal(TimeSpan.FromHours(1), options.CrmTokenLifetime);
        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.Equal(0, options.LatencyMs + options.JitterMs);
        Assert.Equal(0, options.HelpdeskRateLimitPerSecond);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
