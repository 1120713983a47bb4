using CrmFederation.Gateway.Host;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>GraphiQL at GET /graphql in headless Chromium: it loads under the CSP, runs what the user types, and shows the answer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphQLIdeBrowserTests(BrowserGatewayFixture fixture)
{
    [Fact]
    public async Task Ide_QueryTypedWithTheKeyInTheHeadersEditor_ShowsTheResult()
    {
        await using var browser = await fixture.OpenAsync("/graphql");
        var page = browser.Page;

        await TypeIntoEditorAsync(page, page.Locator("section[aria-label='Headers'] .graphiql-editor:not(.hidden)"), $$"""{"X-Api-Key": "{{DemoApiKeys.Admin}}"}""");
        await TypeIntoEditorAsync(page, page.Locator("section[aria-label='Operation Editor'] .graphiql-editor"), """{ customer(id: "C-000035") { id segment billing { accountNumber } } }""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute query (Ctrl-Enter)" }).ClickAsync();

        var result = page.Locator("section[aria-label='Result Window']");
        await Expect(result).ToContainTextAsync("C-000035");
        await Expect(result).ToContainTextAsync("accountNumber");
        Assert.DoesNotContain("errors", await result.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task Ide_WithoutAKey_ShowsTheGatewaysAuthenticationError()
    {
        await using var browser = await fixture.OpenAsync("/graphql");
        var page = browser.Page;

        await TypeIntoEditorAsync(page, page.Locator("section[aria-label='Operation Editor'] .graphiql-editor"), "{ __typename }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute query (Ctrl-Enter)" }).ClickAsync();

        await Expect(page.Locator("section[aria-label='Result Window']")).ToContainTextAsync("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Ide_KeyEnteredAndSchemaRefetched_DocsListTheQueryType()
    {
        await using var browser = await fixture.OpenAsync("/graphql");
        var page = browser.Page;

        await TypeIntoEditorAsync(page, page.Locator("section[aria-label='Headers'] .graphiql-editor:not(.hidden)"), $$"""{"X-Api-Key": "{{DemoApiKeys.Admin}}"}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-fetch GraphQL schema (Shift-Ctrl-R)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show Documentation Explorer" }).ClickAsync();

        await Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("Query");
        await page.Locator(".graphiql-doc-explorer").GetByText("Query", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("customersByIds");
    }

    [Fact]
    public async Task Ide_AfterConsoleSignInInTheSameTab_HeadersCarryThatCredential()
    {
        await using var browser = await AdminConsoleBrowserTests.ConsoleSignedInAsync(fixture, DemoApiKeys.Admin);
        var page = browser.Page;
        await Expect(page.Locator("table.sources")).ToBeVisibleAsync();

        await page.GotoAsync("/graphql");
        await Expect(page.Locator("section[aria-label='Headers'] .graphiql-editor:not(.hidden)")).ToContainTextAsync(DemoApiKeys.Admin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Execute query (Ctrl-Enter)" }).ClickAsync();

        // The default query asks for a customer's billing account: it runs with the console's admin key.
        await Expect(page.Locator("section[aria-label='Result Window']")).ToContainTextAsync("legalName");
    }

    /// <summary>Replaces a Monaco editor's text as pasting does (no auto-closed brackets or completions in the way).</summary>
    private static async Task TypeIntoEditorAsync(IPage page, ILocator editor, string text)
    {
        await editor.Locator(".view-lines").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync(text);
        await Expect(editor).ToContainTextAsync(text[..Math.Min(8, text.Length)]);
    }
}
