using System.Text.Json;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Execution;

public sealed class RequestedKeysTests
{
    private static readonly JsonPath Email = JsonPath.Parse("contact.email");
    private static readonly JsonPath Id = JsonPath.Parse("id");

    [Fact]
    public void Match_CaseInsensitiveKeys_ReturnsTheRequestedSpelling()
    {
        var keys = new RequestedKeys(["Ann@X.com"], StringComparer.OrdinalIgnoreCase);

        Assert.Equal("Ann@X.com", keys.Match(Email, Item("""{"contact":{"email":"ann@x.COM"}}""")));
    }

    [Fact]
    public void Match_CaseSensitiveKeys_DifferentCaseDoesNotMatch()
    {
        var keys = new RequestedKeys(["Ann@X.com"], StringComparer.Ordinal);

        Assert.Null(keys.Match(Email, Item("""{"contact":{"email":"ann@x.com"}}""")));
    }

    [Fact]
    public void Match_NumericValue_MatchesItsText()
    {
        var keys = new RequestedKeys(["9000001"], StringComparer.Ordinal);

        Assert.Equal("9000001", keys.Match(Id, Item("""{"id":9000001}""")));
    }

    [Fact]
    public void Match_EscapedString_MatchesItsUnescapedText()
    {
        var keys = new RequestedKeys(["a/b\"c"], StringComparer.Ordinal);

        Assert.Equal("a/b\"c", keys.Match(Id, Item("""{"id":"a\/b\"c"}""")));
    }

    [Fact]
    public void Match_NonAsciiKey_Matches()
    {
        var keys = new RequestedKeys(["jöns@exämple.se"], StringComparer.OrdinalIgnoreCase);

        Assert.Equal("jöns@exämple.se", keys.Match(Email, Item("""{"contact":{"email":"JÖNS@EXÄMPLE.SE"}}""")));
    }

    [Fact]
    public void Match_KeyLongerThanAnySendableKey_DoesNotMatch()
    {
        var keys = new RequestedKeys(["C-1"], StringComparer.Ordinal);

        Assert.Null(keys.Match(Id, Item($$"""{"id":"{{new string('x', 400)}}"}""")));
    }

    [Theory]
    [InlineData("""{"id":"C-2"}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"id":true}""")]
    [InlineData("""{"other":"C-1"}""")]
    public void Match_ItemNobodyAskedFor_IsNull(string json)
    {
        var keys = new RequestedKeys(["C-1"], StringComparer.Ordinal);

        Assert.Null(keys.Match(Id, Item(json)));
    }

    private static JsonElement Item(string json) => JsonDocument.Parse(json).RootElement;
}
