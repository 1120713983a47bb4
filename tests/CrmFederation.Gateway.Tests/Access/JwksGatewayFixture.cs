namespace CrmFederation.Gateway.Tests.Access;

/// <summary>One gateway whose access.json takes signing keys from a local identity provider's JWKS (an RSA and an EC key), shared by a test class.</summary>
public sealed class JwksGatewayFixture : IAsyncLifetime
{
    public TestSigningKey Rsa { get; } = TestSigningKey.Rsa("rsa-1");

    public TestSigningKey Ec { get; } = TestSigningKey.Ec("ec-1");

    public TestIdentityProvider IdentityProvider { get; } = new();

    public AccessGateway Gateway { get; private set; } = null!;

    public Task InitializeAsync()
    {
        IdentityProvider.Publish(Rsa, Ec);
        Gateway = AccessGateway.Start(IdentityProvider.UseJwks, TestIdentityProvider.Settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        IdentityProvider.Dispose();
        Rsa.Dispose();
        Ec.Dispose();
    }
}
