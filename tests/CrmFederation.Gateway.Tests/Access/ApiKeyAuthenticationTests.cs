using System.Net;
using System.Security.Claims;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// <c>X-Api-Key</c>: no credentials, an unknown key and an expired key each get a 401 saying which, with
/// both challenges and a GraphQL-shaped body in the negotiated media type; a valid key runs the request
/// as the key's name, roles, scopes and claims.
/// </summary>
public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    private const string ExpiredKey = "expired-key-value";
    private const string CurrentKey = "current-key-value";

    private AccessGateway _gateway = null!;

    public Task InitializeAsync()
    {
        var keys = JsonSerializer.Serialize(new object[]
        {
            new { name = "old-bi-tool", sha256 = ApiKeyRegistry.HashOf(ExpiredKey), roles = new[] { "analyst" }, expires = DateTimeOffset.UtcNow.AddMinutes(-1) },
            new
            {
                name = "regional-agent",
                sha256 = ApiKeyRegistry.HashOf(CurrentKey),
                roles = new[] { "agent" },
                expires = DateTimeOffset.UtcNow.AddDays(1),
                claims = new Dictionary<string, string[]> { ["countries"] = ["DE", "AT"] },
            },
        });
        _gateway = AccessGateway.Start(settings: [new(DemoApiKeys.Variable, keys)]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Post_NoCredentials_401MissingWithBothChallenges()
    {
        var response = await _gateway.SendAsync();

        response.AssertUnauthenticated("missing");
        Assert.Equal(["Bearer", "ApiKey header=\"X-Api-Key\""], response.Challenges);
        // No Accept header: the spec's rule for legacy clients, application/json.
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal(
            """{"errors":[{"message":"Authentication required: no credentials were sent.","extensions":{"code":"UNAUTHENTICATED","reason":"missing"}}]}""",
            response.Body);
    }

    [Fact]
    public async Task Post_NoCredentialsAcceptingOnlyJson_401InApplicationJson()
    {
        var response = await _gateway.SendAsync(accept: "application/json");

        response.AssertUnauthenticated("missing");
        Assert.Equal("application/json", response.MediaType);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData(DemoApiKeys.Admin)]
    [InlineData(CurrentKey + " ")]
    public async Task Post_UnknownKey_401InvalidNamingNoKey(string key)
    {
        var response = await _gateway.SendAsync(apiKey: key);

        response.AssertUnauthenticated("invalid");
        Assert.Equal(["Bearer", "ApiKey header=\"X-Api-Key\""], response.Challenges);
        Assert.DoesNotContain(key.Trim(), response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("regional-agent", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ExpiredKey_401Expired()
    {
        var response = await _gateway.SendAsync(apiKey: ExpiredKey);

        response.AssertUnauthenticated("expired");
        Assert.DoesNotContain("old-bi-tool", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TwoKeysInTheHeader_401Invalid()
    {
        var response = await _gateway.SendAsync(apiKey: $"{CurrentKey},{ExpiredKey}");

        response.AssertUnauthenticated("invalid");
    }

    [Fact]
    public async Task Post_KeyNotYetExpired_RunsAsTheKeysNameRolesScopesAndClaims()
    {
        var response = await _gateway.SendAsync(apiKey: CurrentKey);

        response.AssertOk();
        var caller = _gateway.Callers.Last;
        Assert.Equal("regional-agent", caller.ClientName());
        Assert.Equal(["agent"], caller.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["commerce", "customers", "pii", "support", "write:contact"], caller.Scopes().Order(StringComparer.Ordinal));
        Assert.Equal(["DE", "AT"], caller.FindAll("countries").Select(c => c.Value));
        Assert.Equal(ApiKeyAuthenticationHandler.SchemeName, caller.Identity!.AuthenticationType);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Get_HealthWithoutCredentials_NotRefused(string path)
    {
        var response = await _gateway.SendAsync(path: path);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.Status);
    }
}
