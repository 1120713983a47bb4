using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// <c>POST /demo/token</c> mints a JWT for a role, signed with demo mode's per-process key, which the
/// demo gateway accepts as <c>Authorization: Bearer</c>. Outside demo mode the endpoint does not exist.
/// </summary>
public sealed class DemoTokenTests
{
    [Fact]
    public async Task MintedTokens_InDemoMode_AcceptedAsTheirRoles()
    {
        await using var demo = await DemoGatewayProcess.StartAsync();
        using var http = demo.CreateClient(apiKey: null);

        using var unknownRole = await http.PostAsJsonAsync(DemoTokens.Path, new { role = "superuser" });
        using var noRole = await http.PostAsJsonAsync(DemoTokens.Path, new { });
        var agent = await MintAsync(http, "agent");
        var admin = await MintAsync(http, "admin");
        using var agentQuery = await SendAsync(http, agent, HttpMethod.Post, "/graphql");
        using var agentStatus = await SendAsync(http, agent, HttpMethod.Get, "/status/sources");
        using var adminStatus = await SendAsync(http, admin, HttpMethod.Get, "/status/sources");

        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Contains("Known roles: account-rep, admin, agent, analyst, frontend, regional-agent.", await unknownRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, agentQuery.StatusCode);
        Assert.StartsWith("""{"data":{"customer":{"name":""", await agentQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, agentStatus.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminStatus.StatusCode);
    }

    [Fact]
    public async Task Mint_OutsideDemoMode_404()
    {
        await using var gateway = AccessGateway.Start();

        var anonymous = await gateway.SendAsync(path: DemoTokens.Path, post: true);
        var admin = await gateway.SendAsync(apiKey: DemoApiKeys.Admin, path: DemoTokens.Path, post: true);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.Status);
        Assert.Equal(HttpStatusCode.NotFound, admin.Status);
    }

    private static async Task<string> MintAsync(HttpClient http, string role)
    {
        using var response = await http.PostAsJsonAsync(DemoTokens.Path, new { role });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = method == HttpMethod.Post ? JsonContent.Create(new { query = """{ customer(id: "C-000042") { name } }""" }) : null,
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
