namespace CrmFederation.Gateway.Configuration;

/// <summary>How the gateway authenticates to one source. Which members apply depends on <see cref="Scheme"/>.</summary>
public sealed record AuthConfig
{
    public const string OAuth2ClientCredentials = "oauth2-client-credentials";
    public const string Basic = "basic";
    public const string Bearer = "bearer";
    public const string Header = "header";
    public const string None = "none";

    public static readonly IReadOnlyList<string> Schemes = [OAuth2ClientCredentials, Basic, Bearer, Header, None];

    public string Scheme { get; init; } = None;

    public string? TokenPath { get; init; }

    public ValueReference? ClientId { get; init; }

    public ValueReference? ClientSecret { get; init; }

    public ValueReference? Username { get; init; }

    public ValueReference? Password { get; init; }

    public ValueReference? Token { get; init; }

    public string? HeaderName { get; init; }

    public ValueReference? Value { get; init; }
}
