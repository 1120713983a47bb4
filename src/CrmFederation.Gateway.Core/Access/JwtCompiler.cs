using CrmFederation.Gateway.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Checks <c>access.json</c>'s <c>authentication.jwt</c> and compiles it: issuer and audience set, exactly
/// one key source (a JWKS URL over https, or a usable signing key), sane clock skew and claim names.
/// </summary>
public static class JwtCompiler
{
    private const string JwtPath = "$.authentication.jwt";

    private const int MaxClockSkewSeconds = 600;

    public static JwtSettings? Compile(ConfigFile<AccessConfig> file, JwtConfig config, ValueResolver values, List<ConfigDiagnostic> diagnostics)
    {
        var errorsBefore = diagnostics.Count;
        var issuer = Required(file, values, "issuer", config.Issuer, "The exact iss of the tokens, e.g. { \"default\": \"https://login.example.com/\" }.", diagnostics);
        var audience = Required(file, values, "audience", config.Audience, "The aud the tokens are issued for, e.g. { \"default\": \"crmfed\" }.", diagnostics);
        if (config.ClockSkewSeconds is < 0 or > MaxClockSkewSeconds)
        {
            diagnostics.Add(file.Error($"{JwtPath}.clockSkewSeconds", $"The clock skew of {config.ClockSkewSeconds} s is out of range.",
                $"Use 0 to {MaxClockSkewSeconds} seconds (default 60): how far token times may be off from the gateway's clock."));
        }

        CheckClaimName(file, "rolesClaim", config.RolesClaim, diagnostics);
        CheckClaimName(file, "scopeClaim", config.ScopeClaim, diagnostics);
        SecurityKey? key = null;
        JwksKeySource? jwks = null;
        switch (config.JwksUrl, config.SigningKey)
        {
            case (not null, not null):
                diagnostics.Add(file.Error(JwtPath, "The JWT settings name both jwksUrl and signingKey.",
                    "Use jwksUrl for the keys an identity provider publishes, or signingKey for one key you hold; not both."));
                break;
            case (null, null):
                diagnostics.Add(file.Error(JwtPath, "The JWT settings name neither jwksUrl nor signingKey.",
                    "Add \"jwksUrl\": { \"default\": \"https://login.example.com/.well-known/jwks.json\" } or \"signingKey\": { \"env\": \"CRMFED_JWT_SIGNING_KEY\" }."));
                break;
            case ({ } url, null):
                jwks = CompileJwksUrl(file, url, values, diagnostics);
                break;
            case (null, { } reference):
                key = CompileSigningKey(file, reference, values, diagnostics);
                break;
        }

        return diagnostics.Count > errorsBefore || issuer is null || audience is null || (key is null && jwks is null)
            ? null
            : new JwtSettings(issuer, audience, TimeSpan.FromSeconds(config.ClockSkewSeconds), config.RolesClaim, config.ScopeClaim,
                key, jwks, key is null ? JwtSigningKey.PublicKeyAlgorithms : JwtSigningKey.AlgorithmsFor(key));
    }

    private static string? Required(ConfigFile<AccessConfig> file, ValueResolver values, string name, ValueReference? reference, string hint, List<ConfigDiagnostic> diagnostics)
    {
        var value = reference is null ? null : values.Resolve(file, $"{JwtPath}.{name}", name, reference, hint, diagnostics);
        if (reference is null || value is { Length: 0 })
        {
            diagnostics.Add(file.Error(reference is null ? JwtPath : $"{JwtPath}.{name}", $"The JWT settings need an {name}.", hint));
            return null;
        }

        return value;
    }

    private static void CheckClaimName(ConfigFile<AccessConfig> file, string property, string claim, List<ConfigDiagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(claim))
        {
            diagnostics.Add(file.Error($"{JwtPath}.{property}", $"The {property} is empty.", "Name the token claim, e.g. \"roles\" or \"scope\" (the defaults)."));
        }
    }

    private static JwksKeySource? CompileJwksUrl(
        ConfigFile<AccessConfig> file, ValueReference reference, ValueResolver values, List<ConfigDiagnostic> diagnostics)
    {
        const string path = JwtPath + ".jwksUrl";
        if (values.Resolve(file, path, "JWKS URL", reference, "Set the variable or give a default.", diagnostics) is not { } text)
        {
            return null;
        }

        // Keys fetched over plain http could be swapped on the way, and with them any token accepted.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            diagnostics.Add(file.Error(path, $"The JWKS URL from {reference} is not an absolute https URL.",
                "Example: https://login.example.com/.well-known/jwks.json (http only for localhost)."));
            return null;
        }

        return new JwksKeySource(url, TimeProvider.System);
    }

    /// <summary>Stands in for an unset signing key when the config is checked without the deployment's values: 256 zero bits.</summary>
    private const string PlaceholderSigningKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static SecurityKey? CompileSigningKey(ConfigFile<AccessConfig> file, ValueReference reference, ValueResolver values, List<ConfigDiagnostic> diagnostics)
    {
        const string path = JwtPath + ".signingKey";
        const string hint = "Set it to base64 of a symmetric key of 256 bits or more (openssl rand -base64 32), or to an RSA (2048 bits or more) or EC public key in PEM; --demo supplies one.";
        if (values.ResolveCredential(file, path, reference, hint, diagnostics, PlaceholderSigningKey) is not { } text)
        {
            return null;
        }

        var key = JwtSigningKey.Read(text, out var problem);
        if (problem is not null)
        {
            diagnostics.Add(file.Error(path, $"The signing key ({reference}) is {problem}.", hint));
        }

        return key;
    }
}
