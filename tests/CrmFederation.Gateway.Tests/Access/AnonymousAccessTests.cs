using System.Security.Claims;
using CrmFederation.Gateway.Access;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>Callers without credentials get 401 unless access.json names a role for them, and then only that role's scopes.</summary>
public sealed class AnonymousAccessTests
{
    [Fact]
    public async Task Post_NoCredentialsAndNoAnonymousRole_401Missing()
    {
        await using var gateway = AccessGateway.Start();

        var response = await gateway.SendAsync();

        response.AssertUnauthenticated("missing");
    }

    [Fact]
    public async Task Post_NoCredentialsWithAnAnonymousRole_RunsAsAnonymousWithThatRolesScopes()
    {
        await using var gateway = AccessGateway.Start(config => config.Replace("access.json",
            "\"roles\": {",
            "\"roles\": { \"public\": { \"scopes\": [\"customers\"] },").Replace("access.json",
            "\"apiKeys\": { \"env\": \"CRMFED_API_KEYS\" },",
            "\"apiKeys\": { \"env\": \"CRMFED_API_KEYS\" }, \"anonymous\": { \"role\": \"public\" },"));

        var graphql = await gateway.SendAsync();
        var caller = gateway.Callers.Last;
        var status = await gateway.SendAsync(path: "/status/sources");
        var wrongKey = await gateway.SendAsync(apiKey: "wrong-key");

        graphql.AssertOk();
        Assert.Equal(AnonymousAuthenticationHandler.CallerName, caller.ClientName());
        Assert.Equal(["public"], caller.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["customers"], caller.Scopes());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, status.Status);

        // Anonymous access is for requests without credentials, never a fallback for bad ones.
        wrongKey.AssertUnauthenticated("invalid");
    }
}
