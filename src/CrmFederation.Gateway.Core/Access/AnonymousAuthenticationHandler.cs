using System.Text.Encodings.Web;
using CrmFederation.Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// A request without credentials: let in as <see cref="CallerName"/> with the anonymous role where
/// access.json allows it, otherwise not authenticated (401 wherever a caller is required).
/// </summary>
public sealed class AnonymousAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GatewaySnapshotHolder snapshots)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Anonymous";

    public const string CallerName = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var access = snapshots.Current.Access;
        if (access.AnonymousRole is not { } role)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var caller = CallerClaims.Principal(SchemeName, CallerName, [role], access.ScopesOf([role]), []);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(caller, SchemeName)));
    }
}
