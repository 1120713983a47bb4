using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Sources;

public sealed class RequestUriBuilderTests
{
    private static readonly SourceDefinition Crm = WireSources.Source("http://crm.test:7101/");

    [Fact]
    public void Build_CommaStyle_SendsKeysInOneParameter()
    {
        var uri = RequestUriBuilder.Build(WireSources.CustomersById(Crm), ["C-1", "C-2", "C-3"], []);

        Assert.Equal("http://crm.test:7101/crm/v3/customers?ids=C-1,C-2,C-3", uri.AbsoluteUri);
    }

    [Fact]
    public void Build_RepeatStyle_RepeatsParameterPerKey()
    {
        var endpoint = WireSources.Endpoint(Crm, "/crm/v3/customers", keyParameter: "ids", items: "results", matchOn: "id", repeat: true);

        var uri = RequestUriBuilder.Build(endpoint, ["C-1", "C-2", "C-3"], []);

        Assert.Equal("http://crm.test:7101/crm/v3/customers?ids=C-1&ids=C-2&ids=C-3", uri.AbsoluteUri);
    }

    [Fact]
    public void Build_FixedQueryAndParameters_PrecedeKeys()
    {
        var endpoint = WireSources.Endpoint(Crm, "/api/v2/tickets", keyParameter: "organization_ids", items: "tickets",
            matchOn: "organization_id", query: [new("per_page", "100")]);

        var uri = RequestUriBuilder.Build(endpoint, ["9000001", "9000002"], [new("status", "open,pending")]);

        Assert.Equal("/api/v2/tickets?per_page=100&status=open%2Cpending&organization_ids=9000001,9000002", uri.PathAndQuery);
    }

    [Fact]
    public void Build_BaseUrlWithPath_KeepsItsPath()
    {
        var endpoint = WireSources.CustomersById(WireSources.Source("https://api.example.com/tenant-7/"));

        var uri = RequestUriBuilder.Build(endpoint, ["C-1"], []);

        Assert.Equal("https://api.example.com/tenant-7/crm/v3/customers?ids=C-1", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("C-1&ids=C-2", "C-1%26ids%3DC-2")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("Zoë", "Zo%C3%AB")]
    [InlineData("山田", "%E5%B1%B1%E7%94%B0")]
    [InlineData("%2F", "%252F")]
    [InlineData("x#y?z", "x%23y%3Fz")]
    public void Build_HostileKey_IsEscapedIntoOneValue(string key, string escaped)
    {
        var uri = RequestUriBuilder.Build(WireSources.CustomersById(Crm), [key], []);

        Assert.Equal("/crm/v3/customers?ids=" + escaped, uri.PathAndQuery);
    }

    [Theory]
    [InlineData("C-000001", "C-000001")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("../admin", "..%2Fadmin")]
    [InlineData("%2E%2E", "%252E%252E")]
    [InlineData("a b?c=d#e", "a%20b%3Fc%3Dd%23e")]
    [InlineData("Zoë", "Zo%C3%AB")]
    public void Build_PerKeyPath_EscapesKeyIntoOneSegment(string key, string escaped)
    {
        var endpoint = WireSources.Endpoint(Crm, "/crm/v3/customers/{key}", query: [new("expand", "owner")]);

        var uri = RequestUriBuilder.Build(endpoint, [key], []);

        Assert.Equal("/crm/v3/customers/" + escaped + "?expand=owner", uri.PathAndQuery);
    }

    [Theory]
    [InlineData("")]
    [InlineData("C-1\n")]
    [InlineData("C\u00001")]
    [InlineData("C-1\u007f")]
    [InlineData("C-1\u0085")]
    public void IsSendable_EmptyOrControlCharacters_ReturnsFalse(string key)
    {
        Assert.False(RequestUriBuilder.IsSendable(WireSources.CustomersById(Crm), key));
    }

    [Fact]
    public void IsSendable_OverLongKey_ReturnsFalse()
    {
        var endpoint = WireSources.CustomersById(Crm);

        Assert.True(RequestUriBuilder.IsSendable(endpoint, new string('k', 320)));
        Assert.False(RequestUriBuilder.IsSendable(endpoint, new string('k', 321)));
    }

    [Fact]
    public void IsSendable_CommaInCommaStyle_ReturnsFalse()
    {
        Assert.False(RequestUriBuilder.IsSendable(WireSources.CustomersById(Crm), "Smith, Jane"));
    }

    [Fact]
    public void IsSendable_CommaInRepeatStyleOrPath_ReturnsTrue()
    {
        var repeat = WireSources.Endpoint(Crm, "/crm/v3/customers", keyParameter: "ids", items: "results", matchOn: "id", repeat: true);
        var perKey = WireSources.Endpoint(Crm, "/crm/v3/customers/{key}");

        Assert.True(RequestUriBuilder.IsSendable(repeat, "Smith, Jane"));
        Assert.True(RequestUriBuilder.IsSendable(perKey, "Smith, Jane"));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void IsSendable_DotSegmentInPerKeyPath_ReturnsFalse(string key)
    {
        Assert.False(RequestUriBuilder.IsSendable(WireSources.Endpoint(Crm, "/crm/v3/customers/{key}"), key));
    }

    [Theory]
    [InlineData("...")]
    [InlineData("a..b")]
    [InlineData("../admin")]
    public void IsSendable_DotsThatAreNotASegment_ReturnsTrue(string key)
    {
        Assert.True(RequestUriBuilder.IsSendable(WireSources.Endpoint(Crm, "/crm/v3/customers/{key}"), key));
    }

    [Fact]
    public void IsSendable_DotDotAsQueryValue_ReturnsTrue()
    {
        Assert.True(RequestUriBuilder.IsSendable(WireSources.CustomersById(Crm), ".."));
    }

    [Fact]
    public void IsSendable_LoneSurrogate_ReturnsFalse()
    {
        var endpoint = WireSources.CustomersById(Crm);
        var key = "C-1" + '\uD800';

        // Escaping replaces the lone surrogate with U+FFFD: the source would be asked for another key.
        Assert.Equal("/crm/v3/customers?ids=C-1%EF%BF%BD", RequestUriBuilder.Build(endpoint, [key], []).PathAndQuery);
        Assert.False(RequestUriBuilder.IsSendable(endpoint, key));
    }
}
