using System.Net.Http.Headers;
using System.Text;

namespace CrmFederation.SampleSystems.Tests.Crm;

[Collection(SharedSystemsCollection.Name)]
public sealed class CrmAuthTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Token_ClientCredentialsInForm_ReturnsBearerTokenForAnHour()
    {
        using var response = await _systems.Anonymous.PostAsync(new Uri(_systems.Running.CrmBaseUrl, "/oauth/token"), TestSystems.ClientCredentials());
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["access_token", "token_type", "expires_in"], body.PropertyNames());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("access_token").GetString()));
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task Token_ClientCredentialsInBasicHeader_ReturnsToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_systems.Running.CrmBaseUrl, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SampleCredentials.CrmClientId}:{SampleCredentials.CrmClientSecret}")));

        using var response = await _systems.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_TwoRequests_IssueDifferentTokensThatBothWork()
    {
        var first = await _systems.RequestCrmTokenAsync();
        var second = await _systems.RequestCrmTokenAsync();

        Assert.NotEqual(first, second);
        foreach (var token in new[] { first, second })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_systems.Running.CrmBaseUrl, "/crm/v3/customers/C-000001"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _systems.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Token_WrongSecret_Returns401InvalidClient()
    {
        using var response = await _systems.Anonymous.PostAsync(
            new Uri(_systems.Running.CrmBaseUrl, "/oauth/token"), TestSystems.ClientCredentials(secret: "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_OtherGrantType_Returns400UnsupportedGrantType()
    {
        using var response = await _systems.Anonymous.PostAsync(
            new Uri(_systems.Running.CrmBaseUrl, "/oauth/token"), TestSystems.ClientCredentials(grantType: "password"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.ReadJsonAsync()).Error());
    }

    [Fact]
    public async Task Token_JsonBodyInsteadOfForm_Returns400InvalidRequest()
    {
        using var response = await _systems.Anonymous.PostAsync(
            new Uri(_systems.Running.CrmBaseUrl, "/oauth/token"),
            new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).Error());
    }

    [Theory]
    [InlineData("GET", "/crm/v3/customers?ids=C-000001")]
    [InlineData("GET", "/crm/v3/customers")]
    [InlineData("GET", "/crm/v3/customers/C-000001")]
    [InlineData("PATCH", "/crm/v3/customers/C-000001")]
    [InlineData("GET", "/crm/v3/contacts?customerIds=C-000001")]
    [InlineData("GET", "/crm/v3/deals?customerIds=C-000001")]
    public async Task Route_WithoutToken_Returns401Unauthorized(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_systems.Running.CrmBaseUrl, path))
        {
            Content = method == "PATCH" ? new StringContent("""{"name":"Nobody"}""", Encoding.UTF8, "application/json") : null,
        };

        using var response = await _systems.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"unauthorized"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic Y3JtLWNsaWVudDpjcm0tc2VjcmV0")]
    [InlineData("Bearer")]
    public async Task Customers_WrongAuthorization_Returns401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_systems.Running.CrmBaseUrl, "/crm/v3/customers?ids=C-000001"));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await _systems.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", (await response.ReadJsonAsync()).Error());
    }
}
