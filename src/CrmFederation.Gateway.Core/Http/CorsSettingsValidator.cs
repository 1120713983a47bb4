using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Each allowed origin must be exactly what a browser sends in <c>Origin</c>; anything else (a trailing
/// slash, a path, <c>*</c>) would either never match or open the gateway to every site.
/// </summary>
internal sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings options)
    {
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (Problem(origin) is { } problem)
            {
                failures.Add($"{CorsSettings.SectionName}:AllowedOrigins: '{origin}' {problem}");
            }
        }

        if (options.PreflightMaxAgeSeconds is < 0 or > 86_400)
        {
            failures.Add($"{CorsSettings.SectionName}:PreflightMaxAgeSeconds must be 0 to 86400 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? Problem(string origin)
    {
        if (origin == "*")
        {
            return "would let every web site call the gateway with its users' keys; list the origins of your apps.";
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "is not an http(s) origin; write it as https://crm.example.com.";
        }

        var exact = uri.GetLeftPart(UriPartial.Authority);
        return string.Equals(exact, origin, StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : $"is not written as browsers send it; write '{exact}' (scheme, host and a port other than the default; no path, no trailing slash).";
    }
}
