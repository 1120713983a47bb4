namespace CrmFederation.Gateway.Http;

/// <summary>Host settings of cross-origin access from browsers to <c>/graphql</c> (section <c>Gateway:Cors</c>).</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Gateway:Cors";

    /// <summary>
    /// Origins whose pages may call the gateway (<c>https://crm.example.com</c>: scheme, host, port only).
    /// Empty, the default: no CORS headers, so browsers keep other origins' scripts out.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may reuse a preflight's answer (browsers cap it: Chromium at 2 hours).</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}
