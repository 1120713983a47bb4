using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>
/// The IDE and console pages over HTTP: served without credentials under a strict Content-Security-Policy,
/// GraphQL-over-HTTP at the same route unchanged, and every asset the pages load served and long-cached.
/// </summary>
public sealed partial class BrowserPagesHttpTests : IAsyncLifetime
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private GatewayFactory _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Theory]
    [InlineData("/graphql")]
    [InlineData("/admin/console")]
    public async Task Page_BrowserWithoutCredentials_HtmlUnderStrictPolicy(string path)
    {
        using var http = DemoCallers.Unauthenticated(_gateway.CreateClient());

        using var response = await GetAsync(http, path, BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoCache, "pages are revalidated, so a new gateway version shows at once");
        Assert.Contains("<div id=\"root\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/json")]
    public async Task GraphQLGet_ClientNotPreferringHtml_GraphQLAnswerAsBefore(string? accept)
    {
        using var http = _gateway.CreateClient();

        using var response = await GetAsync(http, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"), accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Query", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task GraphQLGet_WithoutCredentialsNotPreferringHtml_StillRefused()
    {
        using var http = DemoCallers.Unauthenticated(_gateway.CreateClient());

        using var response = await GetAsync(http, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"), "*/*");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("UNAUTHENTICATED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQLPost_FromTheIdeAcceptingHtmlToo_ExecutesTheQuery()
    {
        using var http = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
        request.Headers.Accept.ParseAdd(BrowserAccept);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"__typename\":\"Query\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/graphql")]
    [InlineData("/admin/console")]
    public async Task Page_EveryAssetItLoads_ServedLongCached(string path)
    {
        using var http = DemoCallers.Unauthenticated(_gateway.CreateClient());
        using var page = await GetAsync(http, path, BrowserAccept);
        var pending = new Queue<string>(AssetReferences(await page.Content.ReadAsStringAsync()));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Assert.NotEmpty(pending);

        // Scripts and styles name further assets (lazy chunks, workers, fonts): follow them all.
        while (pending.TryDequeue(out var asset))
        {
            if (!seen.Add(asset))
            {
                continue;
            }

            using var response = await GetAsync(http, "/ui/" + asset, null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} referenced but answered {(int)response.StatusCode}");
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            if (asset.EndsWith(".js", StringComparison.Ordinal) || asset.EndsWith(".css", StringComparison.Ordinal))
            {
                foreach (var next in AssetReferences(await response.Content.ReadAsStringAsync()))
                {
                    pending.Enqueue(next);
                }
            }
        }
    }

    [Fact]
    public async Task Asset_Unknown_404()
    {
        using var http = DemoCallers.Unauthenticated(_gateway.CreateClient());

        using var missing = await GetAsync(http, "/ui/assets/missing-0000.js", null);
        using var outside = await GetAsync(http, "/ui/build-info.json", null);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Asset_ConditionalGetWithItsETag_304()
    {
        using var http = DemoCallers.Unauthenticated(_gateway.CreateClient());
        using var page = await GetAsync(http, "/admin/console", BrowserAccept);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/console");
        request.Headers.Accept.ParseAdd(BrowserAccept);
        request.Headers.IfNoneMatch.Add(page.Headers.ETag!);

        using var again = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);

        // As GraphQL clients send with GETs (the CSRF guard asks for it); the pages need none.
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Asset names (<c>assets/ide-1a2b3c.js</c>) a page, script or style sheet names.</summary>
    private static IEnumerable<string> AssetReferences(string text) =>
        AssetName().Matches(text).Select(match => "assets/" + match.Groups["name"].Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"assets/(?<name>[\w.-]+\.(?:js|css|ttf|woff2?|svg|png))")]
    private static partial Regex AssetName();
}
