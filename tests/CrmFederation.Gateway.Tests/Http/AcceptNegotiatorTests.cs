using CrmFederation.Gateway.Http;
using Microsoft.Extensions.Primitives;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class AcceptNegotiatorTests
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";

    [Theory]
    // No preference stated: application/json, as the spec asks for legacy clients.
    [InlineData(null, Json)]
    [InlineData("", Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("*/*; charset=\"UTF-8\"", Json)]
    // A header that does not parse is disregarded.
    [InlineData("this is not ; an accept header,,;;", Json)]
    // Exact types, case and charset.
    [InlineData("application/json", Json)]
    [InlineData("APPLICATION/JSON; CHARSET=\"UTF-8\"", Json)]
    [InlineData("application/graphql-response+json; charset=utf-8", GraphQLResponseJson)]
    // application/*+json names the +json type only; application/json never selects the +json type.
    [InlineData("application/*+json", GraphQLResponseJson)]
    [InlineData("application/*+json, application/json", Json)]
    // Quality decides first.
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponseJson)]
    [InlineData("application/json;q=0.9, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0.2, application/json;q=0.3", Json)]
    [InlineData("application/json;q=1.0, application/graphql-response+json;q=0.999", Json)]
    // q=0 rules a type out even when a wildcard would allow it (the most specific range applies).
    [InlineData("application/json;q=0, */*", GraphQLResponseJson)]
    [InlineData("*/*, application/graphql-response+json;q=0", Json)]
    // Same quality: the type named by the more specific range, then the one listed first.
    [InlineData("*/*, application/json", Json)]
    [InlineData("application/*, application/json", Json)]
    [InlineData("application/json, application/graphql-response+json", Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponseJson)]
    [InlineData("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", Json)]
    [InlineData("*/*, application/graphql-response+json", GraphQLResponseJson)]
    public void Select_AcceptHeader_PicksType(string? accept, string expected)
    {
        var selected = AcceptNegotiator.Select(accept is null ? StringValues.Empty : new StringValues(accept));

        Assert.Equal(expected, selected?.MediaType);
    }

    [Fact]
    public void Select_SeveralAcceptHeaderLines_AreCombined()
    {
        var selected = AcceptNegotiator.Select(new StringValues(["text/html", "application/json"]));

        Assert.Equal(Json, selected?.MediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/*")]
    [InlineData("application/xml")]
    [InlineData("application/graphql+json")]
    [InlineData("application/*+xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; version=2")]
    [InlineData("*/*;q=0")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    public void Select_NothingAcceptable_ReturnsNull(string accept)
    {
        Assert.Null(AcceptNegotiator.Select(new StringValues(accept)));
    }
}
