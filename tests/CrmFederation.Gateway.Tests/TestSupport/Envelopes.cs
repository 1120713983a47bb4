using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>Error envelopes as sources write them, compiled as gateway-config would.</summary>
public static class Envelopes
{
    /// <summary>
    /// <c>{"success": false, "errors": [{"code": "606", "message": "…"}]}</c>: 606 rate limited, 601
    /// unauthorized, 611 unavailable. Without <paramref name="flag"/> an answer is an error when it has a code.
    /// </summary>
    public static ErrorEnvelope ErrorList(bool flag = true) => new(
        flag ? JsonPath.ParseIndexed("success") : null,
        JsonPath.ParseIndexed("errors[0].code"),
        JsonPath.ParseIndexed("errors[0].message"),
        new Dictionary<string, string>
        {
            ["606"] = SourceErrorCode.RateLimited,
            ["601"] = SourceErrorCode.Unauthorized,
            ["611"] = SourceErrorCode.Unavailable,
        });
}
