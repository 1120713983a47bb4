using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Tests.Execution;

/// <summary>Sealed cursors open only with the key and purpose they were sealed with; anything else is refused unread.</summary>
public sealed class CursorSealTests
{
    private readonly CursorSeal _seal = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData("bzoxMDA")]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData("Zoë 山田")]
    public void TryOpen_CursorItSealed_GivesTheSourceCursorBack(string cursor)
    {
        Assert.True(_seal.TryOpen("crm", _seal.Seal("crm", cursor), out var opened));
        Assert.Equal(cursor, opened);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("bzoxMDA")]
    [InlineData("bzoxMDA.")]
    [InlineData(".AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bzoxMDA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("b z.x y")]
    [InlineData("bzoxMDA.%2F")]
    public void TryOpen_MalformedOrForgedCursor_IsRefused(string cursor) =>
        Assert.False(_seal.TryOpen("crm", cursor, out _));

    [Fact]
    public void TryOpen_SourceCursorSwappedUnderTheMac_IsRefused()
    {
        var sealedCursor = _seal.Seal("crm", "o:100");
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("o:9000")) + sealedCursor[sealedCursor.IndexOf('.', StringComparison.Ordinal)..];

        Assert.False(_seal.TryOpen("crm", forged, out _));
    }

    [Fact]
    public void TryOpen_CursorSealedForAnotherPurpose_IsRefused() =>
        Assert.False(_seal.TryOpen("helpdesk", _seal.Seal("crm", "o:100"), out _));

    [Fact]
    public void TryOpen_CursorOfAnotherKey_IsRefused() =>
        Assert.False(_seal.TryOpen("crm", CursorSeal.ProcessLocal().Seal("crm", "o:100"), out _));

    [Fact]
    public void TryOpen_OverlongCursor_IsRefusedUnread() =>
        Assert.False(_seal.TryOpen("crm", new string('A', CursorSeal.MaxSealedLength) + ".AA", out _));

    [Fact]
    public void FromSettings_SameCacheKeyOnTwoInstances_OpenEachOthersCursors()
    {
        var settings = new CacheSettings { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        var cursor = CursorSeal.FromSettings(null, settings).Seal("crm", "o:100");

        Assert.True(CursorSeal.FromSettings(null, settings).TryOpen("crm", cursor, out var opened));
        Assert.Equal("o:100", opened);
    }

    [Fact]
    public void FromSettings_CursorKeySet_WinsOverTheCacheKey()
    {
        var cursorKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var cursor = CursorSeal.FromSettings(cursorKey, new CacheSettings()).Seal("crm", "o:100");

        var withCacheKey = new CacheSettings { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        Assert.True(CursorSeal.FromSettings(cursorKey, withCacheKey).TryOpen("crm", cursor, out _));
        Assert.False(CursorSeal.FromSettings(null, withCacheKey).TryOpen("crm", cursor, out _));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void FromSettings_UnusableCursorKey_StopsWithTheFix(string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CursorSeal.FromSettings(key, new CacheSettings()));

        Assert.Contains("Gateway:CursorKey is not the Base64 of 32 random bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }
}
