using CrmFederation.Gateway.Host;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>The admin console in headless Chromium: sign-in, the sources with their health, and where Customer's fields come from.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminConsoleBrowserTests(BrowserGatewayFixture fixture)
{
    [Fact]
    public async Task Console_SignedInWithTheAdminKey_ListsTheFourSourcesHealthy()
    {
        await using var browser = await ConsoleSignedInAsync(fixture, DemoApiKeys.Admin);
        var rows = browser.Page.Locator("table.sources tbody tr");

        await Expect(rows).ToHaveCountAsync(4);
        foreach (var source in new[] { "commerce", "crm", "erp", "helpdesk" })
        {
            await Expect(browser.Page.Locator($"tr[data-source='{source}'] td.health")).ToHaveTextAsync("healthy");
        }

        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task Console_FieldOriginsOfCustomer_NameEachFieldsSourceAndKey()
    {
        await using var browser = await ConsoleSignedInAsync(fixture, DemoApiKeys.Admin);
        var page = browser.Page;

        await page.GetByRole(AriaRole.Tab, new() { Name = "Field origins" }).ClickAsync();
        var customer = page.GetByRole(AriaRole.Table, new() { Name = "Fields of Customer" });

        await Expect(customer.Locator("tr[data-field='name']")).ToContainTextAsync("crm");
        await Expect(customer.Locator("tr[data-field='billing']")).ToContainTextAsync("accountsByCrmRef");
        await Expect(customer.Locator("tr[data-field='invoices']")).ToContainTextAsync("key: billing.AccountNo");
        await Expect(customer.Locator("tr[data-field='tickets'] td").Nth(1)).ToHaveTextAsync("helpdesk");
    }

    [Fact]
    public async Task Console_KeyWithoutTheAdminScope_SaysSo()
    {
        await using var browser = await ConsoleSignedInAsync(fixture, DemoApiKeys.Agent);

        await Expect(browser.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("lacks the admin scope");
    }

    /// <summary>The console, signed in with <paramref name="credential"/> through its form.</summary>
    internal static async Task<BrowserPage> ConsoleSignedInAsync(BrowserGatewayFixture fixture, string credential)
    {
        var browser = await fixture.OpenAsync("/admin/console");
        await browser.Page.GetByLabel("Admin API key or JWT").FillAsync(credential);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return browser;
    }
}
