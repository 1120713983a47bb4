using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>
/// Editing config in the console: live validation, apply, rollback. These need the admin config API
/// (/admin/config, validate, apply, history, rollback; see the admin branch) and fail without it.
/// The edits change the fixture's copy of gateway-config; the last test rolls them back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleConfigBrowserTests(BrowserGatewayFixture fixture)
{
    private const string CustomerBindings = "bindings/customer.json";
    private const string NameQuery = """{ customer(id: "C-000035") { name domain } }""";

    [Fact]
    public async Task Console_BadEdit_ShowsTheValidationErrorWithFileAndLine()
    {
        await using var browser = await AdminConsoleBrowserTests.ConsoleSignedInAsync(fixture, DemoApiKeys.Admin);
        var editor = await OpenFileAsync(browser.Page, CustomerBindings);

        await editor.FillAsync((await editor.InputValueAsync()).Replace("\"crm.segment\"", "\"crm.segmnt\"", StringComparison.Ordinal));

        var validation = browser.Page.Locator(".validation[data-state='invalid']");
        await Expect(validation.GetByRole(AriaRole.Alert)).ToContainTextAsync(CustomerBindings + ":");
        await Expect(validation).ToContainTextAsync("crm.segmnt");
        await Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true })).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Console_GoodEditApplied_NextQueryReflectsItThenRollbackRestores()
    {
        await using var browser = await AdminConsoleBrowserTests.ConsoleSignedInAsync(fixture, DemoApiKeys.Admin);
        var page = browser.Page;
        var before = await CustomerAsync();
        Assert.NotEqual(before.Name, before.Domain);
        var editor = await OpenFileAsync(page, CustomerBindings);

        await editor.FillAsync((await editor.InputValueAsync()).Replace("\"name\": \"name\"", "\"name\": \"domain\"", StringComparison.Ordinal));
        await Expect(page.Locator(".validation[data-state='valid']")).ToContainTextAsync("Valid");
        await Expect(page.Locator(".diff .added").Filter(new() { HasText = "\"name\": \"domain\"" }).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await Expect(page.Locator(".outcome.applied")).ToContainTextAsync("Applied version");

        var applied = await CustomerAsync();
        Assert.Equal(before.Domain, applied.Name);

        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to this" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm rollback" }).ClickAsync();
        await Expect(page.Locator(".outcome.applied")).ToContainTextAsync("Rolled back");

        Assert.Equal(before, await CustomerAsync());
    }

    private static async Task<ILocator> OpenFileAsync(IPage page, string path)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Edit config" }).ClickAsync();
        await page.GetByRole(AriaRole.List, new() { Name = "Config files" }).GetByRole(AriaRole.Button, new() { Name = path, Exact = true }).ClickAsync();
        return page.GetByLabel("Content of " + path);
    }

    private async Task<(string? Name, string? Domain)> CustomerAsync()
    {
        using var http = DemoCallers.Authenticate(new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = WireGate.HangGuard });
        using var response = await http.PostAsJsonAsync("/graphql", new { query = NameQuery });
        var customer = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("customer");
        return (customer.GetProperty("name").GetString(), customer.GetProperty("domain").GetString());
    }
}
