using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// JWT bearer tokens checked against the keys a local identity provider publishes as a JWKS: valid
/// tokens pass, every kind of bad one is a 401 saying invalid or expired (RFC 6750's invalid_token),
/// and the JWKS is fetched once per key rotation, not once per request.
/// </summary>
public sealed class JwtAuthenticationTests(JwksGatewayFixture fixture) : IClassFixture<JwksGatewayFixture>
{
    private readonly TestSigningKey _rsa = fixture.Rsa;
    private readonly TestSigningKey _ec = fixture.Ec;
    private readonly AccessGateway _gateway = fixture.Gateway;

    [Fact]
    public async Task Post_TokensSignedByRsaAndEcKeysOfTheJwks_200()
    {
        var rsa = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa));
        var ec = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_ec));

        rsa.AssertOk();
        ec.AssertOk();
        Assert.Equal("""{"data":{"__typename":"Query"}}""", rsa.Body);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTEifQ.")]
    public async Task Post_MalformedOrUnsignedToken_401Invalid(string token)
    {
        var response = await _gateway.SendAsync(bearer: token);

        response.AssertUnauthenticated("invalid");
        Assert.Contains("Bearer error=\"invalid_token\", error_description=\"The access token is invalid.\"", response.Challenges);
        Assert.DoesNotContain(token, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WrongSignatureUnderAKnownKid_401Invalid()
    {
        using var impostor = TestSigningKey.Rsa("rsa-1");

        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(impostor));

        response.AssertUnauthenticated("invalid");
    }

    [Fact]
    public async Task Post_WrongIssuer_401Invalid()
    {
        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa, issuer: "https://other-idp.test/"));

        response.AssertUnauthenticated("invalid");
        Assert.DoesNotContain("other-idp", response.Body + string.Join(" ", response.Challenges), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WrongAudience_401Invalid()
    {
        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa, audience: "another-api"));

        response.AssertUnauthenticated("invalid");
    }

    [Fact]
    public async Task Post_ExpiredBeyondTheClockSkew_401Expired()
    {
        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa, expires: DateTime.UtcNow.AddMinutes(-5)));

        response.AssertUnauthenticated("expired");
        Assert.Contains("Bearer error=\"invalid_token\", error_description=\"The access token expired.\"", response.Challenges);
        Assert.Equal("Authentication failed: the credentials have expired.", response.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_ExpiredWithinTheClockSkew_200()
    {
        // The sample access.json allows 60 s of clock skew.
        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa, expires: DateTime.UtcNow.AddSeconds(-20)));

        response.AssertOk();
    }

    [Fact]
    public async Task Post_TokenWithoutSubject_401Invalid()
    {
        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa, subject: null));

        response.AssertUnauthenticated("invalid");
    }

    /// <summary>The classic algorithm confusion: an HMAC token keyed with something public. Keys from a JWKS verify RSA and EC only.</summary>
    [Fact]
    public async Task Post_HmacTokenAgainstJwksKeys_401Invalid()
    {
        var hmac = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestSigningKey.Jwks(_rsa))) { KeyId = "rsa-1" };

        var response = await _gateway.SendAsync(bearer: TestIdentityProvider.Token(new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256)));

        response.AssertUnauthenticated("invalid");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Token abc")]
    public async Task Post_AuthorizationThatIsNoBearerToken_401Invalid(string authorization)
    {
        var response = await _gateway.SendAsync(authorization: authorization);

        response.AssertUnauthenticated("invalid");
    }

    [Fact]
    public async Task Post_BearerTokenAndApiKeyTogether_401Invalid()
    {
        var response = await _gateway.SendAsync(apiKey: Host.DemoApiKeys.Admin, bearer: TestIdentityProvider.Token(_rsa));

        response.AssertUnauthenticated("invalid");
    }

    [Fact]
    public async Task KeyRotation_TokenWithTheNewKid_AcceptedAfterOneJwksFetchPerRotation()
    {
        using var idp = new TestIdentityProvider().Publish(_rsa);
        await using var gateway = AccessGateway.Start(idp.UseJwks, TestIdentityProvider.Settings);
        using var next = TestSigningKey.Rsa("rsa-2");
        using var unknown = TestSigningKey.Rsa("rsa-unknown");
        for (var i = 0; i < 3; i++)
        {
            (await gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa))).AssertOk();
        }

        var beforeRotation = idp.JwksFetches;
        idp.Publish(next);
        var rotated = new List<AccessResponse>();
        for (var i = 0; i < 3; i++)
        {
            rotated.Add(await gateway.SendAsync(bearer: TestIdentityProvider.Token(next)));
        }

        var afterRotation = idp.JwksFetches;
        var madeUp = new List<AccessResponse>();
        for (var i = 0; i < 5; i++)
        {
            madeUp.Add(await gateway.SendAsync(bearer: TestIdentityProvider.Token(unknown)));
        }

        Assert.Equal(1, beforeRotation);
        Assert.All(rotated, r => r.AssertOk());
        Assert.Equal(2, afterRotation);

        // Tokens naming keys nobody published cost no fetch within a minute of the last one.
        Assert.All(madeUp, r => r.AssertUnauthenticated("invalid"));
        Assert.Equal(2, idp.JwksFetches);
    }

    [Fact]
    public async Task Post_JwksUnreachable_401InvalidNot500()
    {
        var idp = new TestIdentityProvider().Publish(_rsa);
        await using var gateway = AccessGateway.Start(idp.UseJwks, TestIdentityProvider.Settings);
        idp.Dispose();

        var response = await gateway.SendAsync(bearer: TestIdentityProvider.Token(_rsa));

        response.AssertUnauthenticated("invalid");
    }
}
