using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Caching;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>What gateway instances publish to each other through Redis: sealed, authenticated, and recognisable by their sender.</summary>
public sealed class InvalidationMessagesTests
{
    private const string Tag = "key:commerce:ann.smith@example.com";

    private readonly CacheKeyMaterial _keys = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Open_SealedByAnotherInstanceWithTheSameKey_TheTag()
    {
        var message = new InvalidationMessages(_keys).Seal(Tag);

        var opened = new InvalidationMessages(_keys).Open(message);

        Assert.Equal(new InvalidationMessages.Invalidation(Tag, FromThisInstance: false), opened);
    }

    [Fact]
    public void Open_SealedByThisInstance_MarkedAsItsOwn()
    {
        var messages = new InvalidationMessages(_keys);

        Assert.Equal(new InvalidationMessages.Invalidation(Tag, FromThisInstance: true), messages.Open(messages.Seal(Tag)));
    }

    [Fact]
    public void Seal_TheTagIsNotInTheMessage_AndNoTwoMessagesAreAlike()
    {
        var messages = new InvalidationMessages(_keys);

        var (first, second) = (messages.Seal(Tag), messages.Seal(Tag));

        Assert.True(first.AsSpan().IndexOf("ann.smith"u8) < 0, "The tag is readable in the message.");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Open_SealedWithAnotherKey_Null()
    {
        var message = new InvalidationMessages(new CacheKeyMaterial(RandomNumberGenerator.GetBytes(32))).Seal(Tag);

        Assert.Null(new InvalidationMessages(_keys).Open(message));
    }

    [Fact]
    public void Open_AnyByteAltered_Null()
    {
        var messages = new InvalidationMessages(_keys);
        var message = messages.Seal(Tag);

        for (var i = 0; i < message.Length; i++)
        {
            var altered = message.ToArray();
            altered[i] ^= 0x01;
            Assert.Null(messages.Open(altered));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("customer:C-000001")]
    public void Open_NotSealedAtAll_Null(string text)
    {
        Assert.Null(new InvalidationMessages(_keys).Open(Encoding.UTF8.GetBytes(text)));
    }
}
