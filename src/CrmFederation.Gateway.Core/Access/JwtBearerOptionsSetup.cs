using CrmFederation.Gateway.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Configures ASP.NET Core's JWT bearer handler from the current snapshot's JWT settings; built again
/// when a new snapshot is published (<see cref="SnapshotChangeTokenSource{TOptions}"/>). Every failure
/// becomes a <see cref="CredentialProblem"/>, so neither a 401 nor a log line repeats what the token held.
/// </summary>
public sealed class JwtBearerOptionsSetup(GatewaySnapshotHolder snapshots) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var access = snapshots.Current.Access;
        var jwt = access.Jwt;
        options.MapInboundClaims = false;

        // AccessResultHandler writes the challenges; should anything else challenge, it must not describe the token either.
        options.IncludeErrorDetails = false;
        if (jwt is not null)
        {
            options.TokenValidationParameters = jwt.ValidationParameters();
            options.ConfigurationManager = jwt.Jwks;
        }

        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // Not configured, or not a single "Bearer <token>": a credential, but not one this gateway takes.
                var authorization = context.Request.Headers[HeaderNames.Authorization];
                if (jwt is null || authorization.Count != 1 || !IsBearerToken(authorization.ToString()))
                {
                    context.Fail(CredentialProblem.Invalid);
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                context.Fail(context.Exception is SecurityTokenExpiredException ? CredentialProblem.Expired : CredentialProblem.Invalid);
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (jwt is not null && context.Principal is { } token && JwtCaller.From(token, jwt, access) is { } caller)
                {
                    context.Principal = caller;
                }
                else
                {
                    context.Fail(CredentialProblem.Invalid);
                }

                return Task.CompletedTask;
            },
        };
    }

    private static bool IsBearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.AsSpan("Bearer ".Length).Trim().Length > 0;
}
