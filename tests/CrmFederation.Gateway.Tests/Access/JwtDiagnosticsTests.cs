using System.Security.Cryptography;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// access.json's JWT settings are checked like the rest of gateway-config: each problem an error at its
/// file and line, with a hint, and never with the signing key's content.
/// </summary>
public sealed class JwtDiagnosticsTests
{
    private const string SigningKeyLine = "\"signingKey\": { \"env\": \"CRMFED_JWT_SIGNING_KEY\" }";

    [Fact]
    public void TryCompile_SampleJwtSettings_SymmetricKeyForHmacOnly()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        var jwt = snapshot!.Access.Jwt!;
        Assert.Equal(("crmfed", "crmfed-gateway", TimeSpan.FromSeconds(60)), (jwt.Issuer, jwt.Audience, jwt.ClockSkew));
        Assert.Equal(("roles", "scope"), (jwt.RolesClaim, jwt.ScopeClaim));
        Assert.IsType<SymmetricSecurityKey>(jwt.SigningKey);
        Assert.Equal([SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512], jwt.Algorithms);
    }

    [Fact]
    public void TryCompile_BothJwksUrlAndSigningKey_ErrorAtTheJwtObject()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", SigningKeyLine, SigningKeyLine + ", \"jwksUrl\": { \"default\": \"https://idp.example.com/jwks\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"jwt\": {"),
            "The JWT settings name both jwksUrl and signingKey.", "$.authentication.jwt");
    }

    [Fact]
    public void TryCompile_NeitherJwksUrlNorSigningKey_ErrorAtTheJwtObject()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", "\"crmfed-gateway\" },", "\"crmfed-gateway\" }")
            .Replace("access.json", SigningKeyLine, "");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"jwt\": {"),
            "The JWT settings name neither jwksUrl nor signingKey.", "$.authentication.jwt");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://idp.example.com/jwks")]
    [InlineData("http://idp.example.com/jwks")]
    [InlineData("/jwks")]
    public void TryCompile_JwksUrlNotHttps_ErrorAtItsLine(string url)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", SigningKeyLine, $"\"jwksUrl\": {{ \"env\": \"IDP_JWKS\", \"default\": \"{url}\" }}");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"jwksUrl\""),
            "The JWKS URL from env:IDP_JWKS is not an absolute https URL.", "$.authentication.jwt.jwksUrl");
    }

    [Theory]
    [InlineData("https://idp.example.com/.well-known/jwks.json")]
    [InlineData("http://localhost:8080/jwks")]
    [InlineData("http://127.0.0.1:8080/jwks")]
    public void TryCompile_JwksUrlHttpsOrLoopback_PublicKeyAlgorithmsOnly(string url)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", SigningKeyLine, $"\"jwksUrl\": {{ \"default\": \"{url}\" }}");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.Equal(new Uri(url), snapshot!.Access.Jwt!.Jwks!.Url);
        Assert.DoesNotContain(snapshot.Access.Jwt.Algorithms, a => a.StartsWith("HS", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCompile_ShortSymmetricKey_ErrorNamingItsSizeNotItsContent()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith((DemoTokens.Variable, key)));

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"signingKey\""),
            "The signing key (env:CRMFED_JWT_SIGNING_KEY) is a symmetric key of 128 bits, too short for HMAC.", "$.authentication.jwt.signingKey");
        Assert.DoesNotContain(key, diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key!", "neither base64 (a symmetric key) nor a PEM public key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "a PEM block that holds no RSA or EC public key")]
    public void TryCompile_SigningKeyNeitherBase64NorAPublicKey_Error(string key, string problem)
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith((DemoTokens.Variable, key)));

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"signingKey\""), $"is {problem}.");
    }

    [Fact]
    public void TryCompile_PrivateKeyAsSigningKey_ErrorWithoutTheKey()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith((DemoTokens.Variable, pem)));

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"signingKey\""),
            "is a private key, which the gateway must not hold.");
        Assert.DoesNotContain(pem.Split('\n')[1], diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_ShortRsaPublicKey_Error()
    {
        using var rsa = RSA.Create(1024);
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith((DemoTokens.Variable, rsa.ExportSubjectPublicKeyInfoPem())));

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"signingKey\""), "is an RSA key of 1024 bits, too short.");
    }

    [Fact]
    public void TryCompile_EcPublicKey_EcdsaAlgorithms()
    {
        using var key = TestSigningKey.Ec("configured");
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith((DemoTokens.Variable, key.PublicPem)));

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.IsType<ECDsaSecurityKey>(snapshot!.Access.Jwt!.SigningKey);
    }

    [Fact]
    public void TryCompile_SigningKeyUnset_ErrorSayingHowToSetIt()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith((DemoTokens.Variable, null)));

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"signingKey\""),
            "The credential cannot be resolved: environment variable 'CRMFED_JWT_SIGNING_KEY' is not set.", "$.authentication.jwt.signingKey");
        Assert.Contains("openssl rand -base64 32", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_SigningKeyWithADefault_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", SigningKeyLine, "\"signingKey\": { \"env\": \"CRMFED_JWT_SIGNING_KEY\", \"default\": \"c2VjcmV0\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"signingKey\""),
            "A credential must not have a default", "$.authentication.jwt.signingKey.default");
    }

    [Fact]
    public void TryCompile_NoIssuer_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", "\"issuer\": { \"env\": \"CRMFED_JWT_ISSUER\", \"default\": \"crmfed\" },", "");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"jwt\": {"), "The JWT settings need an issuer.", "$.authentication.jwt");
    }

    [Theory]
    [InlineData("\"clockSkewSeconds\": 601", "$.authentication.jwt.clockSkewSeconds", "The clock skew of 601 s is out of range.")]
    [InlineData("\"clockSkewSeconds\": -1", "$.authentication.jwt.clockSkewSeconds", "The clock skew of -1 s is out of range.")]
    [InlineData("\"rolesClaim\": \" \"", "$.authentication.jwt.rolesClaim", "The rolesClaim is empty.")]
    [InlineData("\"scopeClaim\": \"\"", "$.authentication.jwt.scopeClaim", "The scopeClaim is empty.")]
    public void TryCompile_SettingOutOfRange_ErrorAtItsLine(string setting, string jsonPath, string message)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", SigningKeyLine, SigningKeyLine + ",\n      " + setting);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", setting), message, jsonPath);
    }

    [Fact]
    public void TryCompile_AnonymousRoleUnknown_ErrorListingTheRoles()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", "\"apiKeys\": { \"env\": \"CRMFED_API_KEYS\" },", "\"apiKeys\": { \"env\": \"CRMFED_API_KEYS\" },\n    \"anonymous\": { \"role\": \"guest\" },");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"guest\""),
            "Callers without credentials are given the unknown role 'guest'.", "$.authentication.anonymous.role");
        Assert.Contains("admin, agent, analyst", diagnostic.Hint, StringComparison.Ordinal);
    }
}
