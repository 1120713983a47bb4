using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Reads a configured JWT signing key: a base64 symmetric key (HMAC) or a PEM public key (RSA or EC),
/// with the algorithms that key may verify. Problems describe the key's kind, never its content.
/// </summary>
public static class JwtSigningKey
{
    /// <summary>HMAC-SHA256 is only as strong as its key: RFC 7518 §3.2 asks for at least 256 bits.</summary>
    public const int MinimumSymmetricBytes = 32;

    public const int MinimumRsaBits = 2048;

    public static readonly IReadOnlyList<string> HmacAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512];

    /// <summary>What keys published by an identity provider may sign with: RSA and EC, never HMAC.</summary>
    public static readonly IReadOnlyList<string> PublicKeyAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>The key, or null when <paramref name="problem"/> says what is wrong with it.</summary>
    public static SecurityKey? Read(string text, out string? problem)
    {
        problem = null;
        text = text.Trim();
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return ReadPem(text, out problem);
        }

        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            problem = "neither base64 (a symmetric key) nor a PEM public key";
            return null;
        }

        if (length < MinimumSymmetricBytes)
        {
            problem = $"a symmetric key of {length * 8} bits, too short for HMAC";
            return null;
        }

        return new SymmetricSecurityKey(bytes[..length]);
    }

    /// <summary>The algorithms <paramref name="key"/> may verify.</summary>
    public static IReadOnlyList<string> AlgorithmsFor(SecurityKey key) => key is SymmetricSecurityKey ? HmacAlgorithms : PublicKeyAlgorithms;

    private static SecurityKey? ReadPem(string pem, out string? problem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            problem = "a private key, which the gateway must not hold";
            return null;
        }

        var rsa = RSA.Create();
        if (Imports(pem, rsa))
        {
            problem = rsa.KeySize < MinimumRsaBits ? $"an RSA key of {rsa.KeySize} bits, too short" : null;
            return problem is null ? new RsaSecurityKey(rsa) : null;
        }

        rsa.Dispose();
        var ecdsa = ECDsa.Create();
        if (Imports(pem, ecdsa))
        {
            problem = null;
            return new ECDsaSecurityKey(ecdsa);
        }

        ecdsa.Dispose();
        problem = "a PEM block that holds no RSA or EC public key";
        return null;
    }

    private static bool Imports(string pem, AsymmetricAlgorithm algorithm)
    {
        try
        {
            algorithm.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }
}
