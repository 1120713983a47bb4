namespace CrmFederation.Gateway.Sources;

/// <summary>How requests to one source are authenticated, with the credentials already resolved.</summary>
public abstract record SourceAuthentication
{
    public sealed record None : SourceAuthentication;

    public sealed record Basic(Secret Username, Secret Password) : SourceAuthentication;

    public sealed record Bearer(Secret Token) : SourceAuthentication;

    public sealed record Header(string Name, Secret Value) : SourceAuthentication;

    public sealed record OAuth2ClientCredentials(Uri TokenUri, Secret ClientId, Secret ClientSecret) : SourceAuthentication;
}
