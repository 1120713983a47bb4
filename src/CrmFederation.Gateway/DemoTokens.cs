using System.Security.Cryptography;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Host;

/// <summary>
/// Sample JWTs without an identity provider, in demo mode only: <c>POST /demo/token {"role": "agent"}</c>
/// answers a token for that role, signed with the key access.json's <c>signingKey</c> names, which demo
/// mode sets to <see cref="SigningKey"/>, a random key of this process.
/// </summary>
public static class DemoTokens
{
    public const string Variable = "CRMFED_JWT_SIGNING_KEY";

    public const string Path = "/demo/token";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Base64 of 32 random bytes, new for every process, so no demo token outlives its gateway.</summary>
    public static string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static IEndpointRouteBuilder MapDemoTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, Mint);
        return endpoints;
    }

    private static IResult Mint(DemoTokenRequest request, GatewaySnapshotHolder snapshots, TimeProvider clock)
    {
        var access = snapshots.Current.Access;
        if (access.Jwt is not { SigningKey: SymmetricSecurityKey key } jwt)
        {
            return Results.Json(new { error = "Demo tokens need access.json's authentication.jwt with a symmetric signingKey." }, statusCode: StatusCodes.Status409Conflict);
        }

        if (string.IsNullOrEmpty(request.Role) || !access.Roles.ContainsKey(request.Role))
        {
            return Results.BadRequest(new { error = $"Send {{\"role\": \"…\"}} with a role of access.json. {AccessCompiler.KnownNamesHint("roles", access.Roles.Keys)}" });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = "demo-" + request.Role,
                [jwt.RolesClaim] = new[] { request.Role },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return Results.Json(new DemoTokenResponse(token, "Bearer", (int)Lifetime.TotalSeconds));
    }

    private sealed record DemoTokenRequest(string? Role);

    private sealed record DemoTokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
}
