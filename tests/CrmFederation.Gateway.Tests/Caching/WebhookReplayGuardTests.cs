using CrmFederation.Gateway.Http;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>The memory of accepted webhook calls: each signature once while it is valid, and never more than a bounded number.</summary>
public sealed class WebhookReplayGuardTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Accept_SameSignatureAgainWhileValid_Replayed()
    {
        var guard = new WebhookReplayGuard(_time);
        var validUntil = _time.GetUtcNow().AddMinutes(5);

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, guard.Accept("erp", "sha256=aa", validUntil));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, guard.Accept("erp", "sha256=aa", validUntil));
    }

    [Fact]
    public void Accept_OtherSignatureOrOtherSource_Accepted()
    {
        var guard = new WebhookReplayGuard(_time);
        var validUntil = _time.GetUtcNow().AddMinutes(5);
        guard.Accept("erp", "sha256=aa", validUntil);

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, guard.Accept("erp", "sha256=bb", validUntil));
        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, guard.Accept("crm", "sha256=aa", validUntil));
    }

    /// <summary>Once its timestamp is out of the window the signature check refuses the call, so it need not be remembered.</summary>
    [Fact]
    public void Accept_AfterValidUntil_Forgotten()
    {
        var guard = new WebhookReplayGuard(_time);
        guard.Accept("erp", "sha256=aa", _time.GetUtcNow().AddMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, guard.Accept("erp", "sha256=aa", _time.GetUtcNow().AddMinutes(5)));
    }

    [Fact]
    public void Accept_CapacityRemembered_RefusedUntilOldOnesExpire()
    {
        var guard = new WebhookReplayGuard(_time);
        for (var i = 0; i < WebhookReplayGuard.Capacity; i++)
        {
            Assert.Equal(WebhookReplayGuard.Verdict.Accepted, guard.Accept("erp", "sha256=" + i, _time.GetUtcNow().AddMinutes(i == 0 ? 1 : 5)));
        }

        Assert.Equal(WebhookReplayGuard.Verdict.TooMany, guard.Accept("erp", "sha256=new", _time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(WebhookReplayGuard.Verdict.Replayed, guard.Accept("erp", "sha256=1", _time.GetUtcNow().AddMinutes(5)));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(WebhookReplayGuard.Verdict.Accepted, guard.Accept("erp", "sha256=new", _time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(WebhookReplayGuard.Verdict.TooMany, guard.Accept("erp", "sha256=newer", _time.GetUtcNow().AddMinutes(5)));
    }
}
