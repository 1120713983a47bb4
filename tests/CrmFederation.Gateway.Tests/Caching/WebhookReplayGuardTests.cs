using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Http;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// The memory of accepted webhook calls: each signature once while it is valid, and never more than a
/// bounded number, in this instance's memory and then in the claims shared by instances.
/// </summary>
public sealed class WebhookReplayGuardTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Accept_SameSignatureAgainWhileValid_Replayed()
    {
        var guard = new WebhookReplayGuard(_time, new LocalOnlySignatureClaims());
        var validUntil = _time.GetUtcNow().AddMinutes(5);

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
    }

    [Fact]
    public async Task Accept_OtherSignatureOrOtherSource_Accepted()
    {
        var guard = new WebhookReplayGuard(_time, new LocalOnlySignatureClaims());
        var validUntil = _time.GetUtcNow().AddMinutes(5);
        await guard.AcceptAsync("erp", "sha256=aa", validUntil);

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=bb", validUntil));
        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("crm", "sha256=aa", validUntil));
    }

    /// <summary>Once its timestamp is out of the window the signature check refuses the call, so it need not be remembered.</summary>
    [Fact]
    public async Task Accept_AfterValidUntil_Forgotten()
    {
        var guard = new WebhookReplayGuard(_time, new LocalOnlySignatureClaims());
        await guard.AcceptAsync("erp", "sha256=aa", _time.GetUtcNow().AddMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=aa", _time.GetUtcNow().AddMinutes(5)));
    }

    [Fact]
    public async Task Accept_CapacityRemembered_RefusedUntilOldOnesExpire()
    {
        var guard = new WebhookReplayGuard(_time, new LocalOnlySignatureClaims());
        for (var i = 0; i < WebhookReplayGuard.Capacity; i++)
        {
            Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=" + i, _time.GetUtcNow().AddMinutes(i == 0 ? 1 : 5)));
        }

        Assert.Equal(WebhookReplayGuard.Verdict.TooMany, await guard.AcceptAsync("erp", "sha256=new", _time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, await guard.AcceptAsync("erp", "sha256=1", _time.GetUtcNow().AddMinutes(5)));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=new", _time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(WebhookReplayGuard.Verdict.TooMany, await guard.AcceptAsync("erp", "sha256=newer", _time.GetUtcNow().AddMinutes(5)));
    }

    [Fact]
    public async Task Accept_ClaimedBeforeByAnotherInstance_Replayed()
    {
        var shared = new SharedClaims { Answer = SignatureClaim.ClaimedBefore };
        var guard = new WebhookReplayGuard(_time, shared);
        var validUntil = _time.GetUtcNow().AddMinutes(5);

        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
        Assert.Equal([("erp", "sha256=aa", validUntil)], shared.Asked);
    }

    /// <summary>Redis down: the call is accepted on this instance's memory alone, which still refuses replays to it.</summary>
    [Fact]
    public async Task Accept_SharedClaimsUnavailable_AcceptedOnceOnThisInstance()
    {
        var guard = new WebhookReplayGuard(_time, new SharedClaims { Answer = SignatureClaim.NotShared });
        var validUntil = _time.GetUtcNow().AddMinutes(5);

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
    }

    [Fact]
    public async Task Accept_ReplayToThisInstance_RefusedWithoutAskingTheSharedClaims()
    {
        var shared = new SharedClaims { Answer = SignatureClaim.Claimed };
        var guard = new WebhookReplayGuard(_time, shared);
        var validUntil = _time.GetUtcNow().AddMinutes(5);

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, await guard.AcceptAsync("erp", "sha256=aa", validUntil));
        Assert.Single(shared.Asked);
    }

    /// <summary>Claims shared by instances that answer as the test says and record what they were asked.</summary>
    private sealed class SharedClaims : IWebhookSignatureClaims
    {
        public SignatureClaim Answer { get; init; }

        public List<(string Source, string Signature, DateTimeOffset ValidUntil)> Asked { get; } = [];

        public Task<SignatureClaim> ClaimAsync(string source, string signature, DateTimeOffset validUntil)
        {
            Asked.Add((source, signature, validUntil));
            return Task.FromResult(Answer);
        }
    }
}
