using System.Net;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.SampleSystems;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>
/// The four sample systems in-process, the real gateway on a real loopback port (Kestrel, not the test
/// server: a browser needs a socket) over a copy of gateway-config that tests may edit, and Debian's
/// headless Chromium driven by Playwright (browsers cannot be downloaded here; scripts/test.sh installs it).
/// </summary>
public sealed class BrowserGatewayFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package; Playwright's own browser download is never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A hang guard, not a speed target: the first page load parses megabytes of editor code on a busy 2-core machine.</summary>
    public const float HangGuardMs = 60_000;

    private RunningSampleSystems? _systems;
    private GatewayFactory? _gateway;
    private IPlaywright? _playwright;

    public ConfigSandbox Config { get; } = ConfigSandbox.CopyOfSample();

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium at {ChromiumPath}: run scripts/test.sh, or apt-get install chromium.");
        }

        _systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        _gateway = new GatewayFactory(TestGatewayVariables.For(_systems)
            .Append(new("Gateway:ConfigPath", Config.Directory))
            .Append(new("Gateway:Cache:Enabled", "false")));
        _gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _gateway.StartServer();
        var addresses = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        Assertions.SetDefaultExpectTimeout(HangGuardMs);
    }

    /// <summary>A fresh page (its own storage) whose every action and wait gives up after the hang guard; CSP violations are collected.</summary>
    public async Task<BrowserPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(HangGuardMs);
        var page = await context.NewPageAsync();
        var browserPage = new BrowserPage(context, page);
        await page.GotoAsync(path);
        return browserPage;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_systems is not null)
        {
            await _systems.DisposeAsync();
        }

        Config.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserGatewayFixture>
{
    public const string Name = "Browser pages in Chromium";
}
