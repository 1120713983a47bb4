using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Guards the operator endpoints (status, cache purge) with <c>Gateway:AdminApiKey</c>, sent as the
/// <c>X-Admin-Key</c> header. Without a configured key those endpoints do not exist (404).
/// </summary>
public sealed class AdminKey(IConfiguration configuration)
{
    public const string HeaderName = "X-Admin-Key";

    public IResult? Refuse(HttpContext context)
    {
        var expected = configuration["Gateway:AdminApiKey"];
        if (string.IsNullOrEmpty(expected))
        {
            return Results.NotFound();
        }

        var given = context.Request.Headers[HeaderName].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected))
            ? null
            : Results.Json(new { error = "admin key missing or wrong" }, statusCode: StatusCodes.Status401Unauthorized);
    }
}
