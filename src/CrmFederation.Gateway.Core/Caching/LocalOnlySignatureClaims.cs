namespace CrmFederation.Gateway.Caching;

/// <summary>Without Redis nothing is shared between instances: each remembers the webhook calls it accepted.</summary>
public sealed class LocalOnlySignatureClaims : IWebhookSignatureClaims
{
    public Task<SignatureClaim> ClaimAsync(string source, string signature, DateTimeOffset validUntil) => Task.FromResult(SignatureClaim.NotShared);
}
