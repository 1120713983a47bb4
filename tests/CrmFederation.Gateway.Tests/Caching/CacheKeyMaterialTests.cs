using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Caching;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>The subkeys derived from the configured cache key, and the keyed names Redis sees.</summary>
public sealed class CacheKeyMaterialTests
{
    private readonly byte[] _configured = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Subkeys_OnePerPurpose_NoneIsTheConfiguredKey()
    {
        var keys = new CacheKeyMaterial(_configured);

        var all = new[] { _configured, keys.ValueKey, keys.NameKey, keys.MessageKey };

        Assert.All(all, key => Assert.Equal(32, key.Length));
        Assert.Equal(all.Length, all.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Subkeys_SameConfiguredKey_SameSubkeys()
    {
        var (first, second) = (new CacheKeyMaterial(_configured), new CacheKeyMaterial(_configured.ToArray()));

        Assert.Equal(first.ValueKey, second.ValueKey);
        Assert.Equal(first.NameKey, second.NameKey);
        Assert.Equal(first.MessageKey, second.MessageKey);
    }

    /// <summary>Whoever reads Redis but lacks the key cannot test a guessed e-mail address against a name.</summary>
    [Fact]
    public void KeyedName_DependsOnTheKey_AndIsNoPlainHash()
    {
        const string Name = "crmfed:v1:commerce:scope:customersByEmail:ann.smith@example.com";
        var keys = new CacheKeyMaterial(_configured);

        var keyed = keys.KeyedName(Name);

        Assert.Equal(keyed, new CacheKeyMaterial(_configured).KeyedName(Name));
        Assert.NotEqual(keyed, new CacheKeyMaterial(RandomNumberGenerator.GetBytes(32)).KeyedName(Name));
        Assert.NotEqual(keyed, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Name))));
        Assert.Matches("^[0-9a-f]{64}$", keyed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void FromSettings_NotTheBase64Of32Bytes_RefusedNamingTheSetting(string? key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CacheKeyMaterial.FromSettings(new CacheSettings { EncryptionKey = key }));

        Assert.Contains("Gateway:Cache:EncryptionKey", error.Message, StringComparison.Ordinal);
    }
}
