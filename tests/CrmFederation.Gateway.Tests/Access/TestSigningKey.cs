using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>A signing key made by the test, with its key id, the algorithm it signs with, and its public half as a JWK.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm _algorithm;

    private TestSigningKey(AsymmetricAlgorithm algorithm, SecurityKey key, string signingAlgorithm, object publicJwk)
    {
        _algorithm = algorithm;
        Key = key;
        Algorithm = signingAlgorithm;
        PublicJwk = publicJwk;
    }

    public SecurityKey Key { get; }

    public string Algorithm { get; }

    /// <summary>The public key as a JSON Web Key (RFC 7517), as an identity provider publishes it.</summary>
    public object PublicJwk { get; }

    /// <summary>The public key in PEM (SubjectPublicKeyInfo), as a configured signingKey takes it.</summary>
    public string PublicPem => _algorithm switch
    {
        RSA rsa => rsa.ExportSubjectPublicKeyInfoPem(),
        ECDsa ecdsa => ecdsa.ExportSubjectPublicKeyInfoPem(),
        _ => throw new NotSupportedException(),
    };

    public static TestSigningKey Rsa(string kid, int bits = 2048)
    {
        var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new TestSigningKey(rsa, new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256, new
        {
            kty = "RSA",
            use = "sig",
            alg = SecurityAlgorithms.RsaSha256,
            kid,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
        });
    }

    public static TestSigningKey Ec(string kid)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        return new TestSigningKey(ecdsa, new ECDsaSecurityKey(ecdsa) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256, new
        {
            kty = "EC",
            use = "sig",
            alg = SecurityAlgorithms.EcdsaSha256,
            kid,
            crv = "P-256",
            x = Base64UrlEncoder.Encode(point.X),
            y = Base64UrlEncoder.Encode(point.Y),
        });
    }

    /// <summary>A JSON Web Key Set of the public halves of <paramref name="keys"/>.</summary>
    public static string Jwks(params TestSigningKey[] keys) => JsonSerializer.Serialize(new { keys = keys.Select(k => k.PublicJwk) });

    public void Dispose() => _algorithm.Dispose();
}
