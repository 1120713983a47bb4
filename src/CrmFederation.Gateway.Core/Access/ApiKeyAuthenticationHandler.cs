using System.Text.Encodings.Web;
using CrmFederation.Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Authenticates <c>X-Api-Key</c> against the hashes in the current config snapshot. A caller gets the
/// key's name, its roles, the scopes those roles grant and the key's own claims.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GatewaySnapshotHolder snapshots,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName];
        if (presented.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // A key and a bearer token together leave it open who the caller is: neither is taken.
        var access = snapshots.Current.Access;
        if (presented.Count > 1 || Request.Headers.ContainsKey(HeaderNames.Authorization) || access.ApiKeys.Find(presented.ToString()) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail(CredentialProblem.Invalid));
        }

        if (key.Expires is { } expires && expires <= clock.GetUtcNow())
        {
            return Task.FromResult(AuthenticateResult.Fail(CredentialProblem.Expired));
        }

        var caller = CallerClaims.Principal(SchemeName, key.Name, key.Roles, access.ScopesOf(key.Roles), key.Claims);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(caller, SchemeName)));
    }
}
