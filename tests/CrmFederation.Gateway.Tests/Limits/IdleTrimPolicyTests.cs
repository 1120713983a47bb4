using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>The process's memory is trimmed once it goes quiet after heavy work, and only then.</summary>
public sealed class IdleTrimPolicyTests
{
    private const long MiB = 1024 * 1024;

    private readonly IdleTrimPolicy _policy = new(burstBytes: 256 * MiB, quietBytes: 16 * MiB);

    [Fact]
    public void ShouldTrim_QuietAfterABurst_OnceUntilTheNextBurst()
    {
        Assert.False(_policy.ShouldTrim(400 * MiB));

        Assert.Equal([true, false, false], new[] { 401 * MiB, 402 * MiB, 403 * MiB }.Select(_policy.ShouldTrim));
    }

    [Fact]
    public void ShouldTrim_BusyEveryInterval_Never()
    {
        var checks = Enumerable.Range(1, 20).Select(interval => _policy.ShouldTrim(interval * 100 * MiB));

        Assert.All(checks, Assert.False);
    }

    [Fact]
    public void ShouldTrim_QuietWithoutABurst_Never()
    {
        var checks = Enumerable.Range(1, 20).Select(interval => _policy.ShouldTrim(interval * 10 * MiB));

        Assert.All(checks, Assert.False);
    }

    [Fact]
    public void ShouldTrim_SecondBurstAfterATrim_TrimsAgain()
    {
        _policy.ShouldTrim(300 * MiB);
        _policy.ShouldTrim(301 * MiB);

        Assert.False(_policy.ShouldTrim(700 * MiB));
        Assert.True(_policy.ShouldTrim(701 * MiB));
    }
}
