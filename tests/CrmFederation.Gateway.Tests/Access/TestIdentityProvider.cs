using CrmFederation.Gateway.Tests.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// An identity provider in the test: it signs tokens with keys the test made and publishes their public
/// halves as a JWKS on a local WireMock server, which counts how often the gateway fetches it.
/// </summary>
public sealed class TestIdentityProvider : IDisposable
{
    public const string Issuer = "https://idp.test/";

    public const string Audience = "crmfed-test";

    public const string Subject = "user-1";

    private const string JwksPath = "/.well-known/jwks.json";

    private readonly WireMockServer _server = WireMockServer.Start();

    public string JwksUrl => _server.Url + JwksPath;

    public int JwksFetches => _server.LogEntries.Count(e => e.RequestMessage.Path == JwksPath);

    /// <summary>The key the sample access.json's signingKey names in tests and demo mode: this process's demo key.</summary>
    public static SigningCredentials DemoKey { get; } =
        new(new SymmetricSecurityKey(Convert.FromBase64String(Host.DemoTokens.SigningKey)), SecurityAlgorithms.HmacSha256);

    /// <summary>The gateway settings naming this issuer and audience.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("CRMFED_JWT_ISSUER", Issuer), new("CRMFED_JWT_AUDIENCE", Audience)];

    /// <summary>Serves a JWKS of <paramref name="keys"/> from now on, instead of any earlier one.</summary>
    public TestIdentityProvider Publish(params TestSigningKey[] keys)
    {
        _server.ResetMappings();
        _server.Given(Request.Create().WithPath(JwksPath).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(TestSigningKey.Jwks(keys)));
        return this;
    }

    /// <summary>Points the sample access.json's JWT settings at this provider's JWKS instead of a configured key.</summary>
    public ConfigSandbox UseJwks(ConfigSandbox config) =>
        config.Replace("access.json", "\"signingKey\": { \"env\": \"CRMFED_JWT_SIGNING_KEY\" }", $"\"jwksUrl\": {{ \"default\": \"{JwksUrl}\" }}");

    /// <summary>
    /// A token signed by <paramref name="key"/>: this issuer and audience, the subject (none when null),
    /// valid until <paramref name="expires"/> (ten minutes from now unless told), plus <paramref name="claims"/>.
    /// </summary>
    public static string Token(
        TestSigningKey key,
        IDictionary<string, object>? claims = null,
        string? subject = Subject,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? expires = null) => Token(new SigningCredentials(key.Key, key.Algorithm), claims, subject, issuer, audience, expires);

    public static string Token(
        SigningCredentials credentials,
        IDictionary<string, object>? claims = null,
        string? subject = Subject,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? expires = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(10);
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>(), StringComparer.Ordinal);
        if (subject is not null)
        {
            all[JwtRegisteredClaimNames.Sub] = subject;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = until.AddHours(-1),
            NotBefore = until.AddHours(-1),
            Expires = until,
            Claims = all,
            SigningCredentials = credentials,
        });
    }

    public void Dispose() => _server.Stop();
}
