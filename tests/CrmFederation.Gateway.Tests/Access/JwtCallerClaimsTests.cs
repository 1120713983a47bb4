using System.Net;
using System.Security.Claims;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// A validated JWT yields the same caller as an API key: the subject as name, the roles access.json
/// declares, the scopes of those roles plus the token's own declared ones, and its other claims; the
/// admin endpoints follow those scopes. Here the key is the sample access.json's configured signingKey.
/// </summary>
public sealed class JwtCallerClaimsTests : IAsyncLifetime
{
    private static readonly SigningCredentials DemoKey = TestIdentityProvider.DemoKey;

    private AccessGateway _gateway = null!;

    public Task InitializeAsync()
    {
        _gateway = AccessGateway.Start(settings: TestIdentityProvider.Settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Post_TokenWithRolesScopesAndClaims_CallerCarriesTheDeclaredOnesAndTheOtherClaims()
    {
        var token = TestIdentityProvider.Token(DemoKey, new Dictionary<string, object>
        {
            ["roles"] = new[] { "agent", "auditor" },
            ["scope"] = "operator openid profile",
            ["countries"] = new[] { "DE", "FR" },
            ["email"] = "rep@example.test",
        });

        (await _gateway.SendAsync(bearer: token)).AssertOk();

        var caller = _gateway.Callers.Last;
        Assert.Equal(JwtBearerDefaults.AuthenticationScheme, caller.Identity!.AuthenticationType);
        Assert.Equal(TestIdentityProvider.Subject, caller.ClientName());
        Assert.Equal(["agent"], caller.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["commerce", "customers", "operator", "pii", "support", "write:contact"], caller.Scopes().Order(StringComparer.Ordinal));
        Assert.Equal(["DE", "FR"], caller.FindAll("countries").Select(c => c.Value));
        Assert.Equal("rep@example.test", caller.FindFirst("email")?.Value);
        Assert.DoesNotContain(caller.Claims, c => c.Type is "roles" or "iss" or "aud" or "exp" or "sub");
    }

    [Fact]
    public async Task Post_ScopeClaimAsAnArray_EachDeclaredScopeCounts()
    {
        var token = TestIdentityProvider.Token(DemoKey, new Dictionary<string, object> { ["scope"] = new[] { "finance", "pii", "unknown" } });

        (await _gateway.SendAsync(bearer: token)).AssertOk();

        var caller = _gateway.Callers.Last;
        Assert.Empty(caller.FindAll(ClaimTypes.Role));
        Assert.Equal(["finance", "pii"], caller.Scopes().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("admin", null, HttpStatusCode.OK)]
    [InlineData("analyst", "admin", HttpStatusCode.OK)]
    [InlineData("agent", null, HttpStatusCode.Forbidden)]
    [InlineData("analyst", "operator", HttpStatusCode.Forbidden)]
    public async Task GetSourceStatus_TokenRoleAndScope_AdminScopeRequired(string role, string? scope, HttpStatusCode expected)
    {
        var claims = new Dictionary<string, object> { ["roles"] = new[] { role } };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(DemoKey, claims), path: "/status/sources");

        Assert.True(response.Status == expected, $"HTTP {(int)response.Status}: {response.Body}");
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(
                """{"errors":[{"message":"This endpoint requires the admin scope.","extensions":{"code":"FORBIDDEN"}}]}""",
                response.Body);
        }
    }

    [Fact]
    public async Task GetSourceStatus_NoCredentials_401Missing()
    {
        var response = await _gateway.SendAsync(path: "/status/sources");

        response.AssertUnauthenticated("missing");
    }

    [Fact]
    public async Task Post_ClaimNamesConfigured_RolesAndScopesReadFromThem()
    {
        await using var gateway = AccessGateway.Start(
            config => config.Replace("access.json", "\"signingKey\": { \"env\": \"CRMFED_JWT_SIGNING_KEY\" }",
                "\"signingKey\": { \"env\": \"CRMFED_JWT_SIGNING_KEY\" }, \"rolesClaim\": \"groups\", \"scopeClaim\": \"scp\""),
            TestIdentityProvider.Settings);
        var token = TestIdentityProvider.Token(DemoKey, new Dictionary<string, object>
        {
            ["groups"] = "analyst",
            ["scp"] = "pii",
            ["roles"] = new[] { "admin" },
        });

        (await gateway.SendAsync(bearer: token)).AssertOk();

        var caller = gateway.Callers.Last;
        Assert.Equal(["analyst"], caller.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["commerce", "customers", "finance", "pii", "support"], caller.Scopes().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Post_NoJwtSettings_EveryBearerTokenRefusedAsInvalid()
    {
        const string jwtSettings = """
            ,
                "jwt": {
                  "issuer": { "env": "CRMFED_JWT_ISSUER", "default": "crmfed" },
                  "audience": { "env": "CRMFED_JWT_AUDIENCE", "default": "crmfed-gateway" },
                  "signingKey": { "env": "CRMFED_JWT_SIGNING_KEY" }
                }
            """;
        await using var gateway = AccessGateway.Start(config => config.Replace("access.json", jwtSettings.ReplaceLineEndings("\n"), ""), TestIdentityProvider.Settings);

        var response = await gateway.SendAsync(bearer: TestIdentityProvider.Token(DemoKey));

        response.AssertUnauthenticated("invalid");
    }

    [Fact]
    public async Task Post_PemPublicKeyConfigured_TokensOfItsPrivateKeyOnly()
    {
        using var key = TestSigningKey.Ec("configured");
        await using var gateway = AccessGateway.Start(settings: [.. TestIdentityProvider.Settings, new(DemoTokens.Variable, key.PublicPem)]);

        var signed = await gateway.SendAsync(bearer: TestIdentityProvider.Token(key));
        var hmac = await gateway.SendAsync(bearer: TestIdentityProvider.Token(DemoKey));

        signed.AssertOk();
        hmac.AssertUnauthenticated("invalid");
    }
}
