using CrmFederation.Gateway.Http;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>When a GET of the GraphQL route gets the IDE: only when the Accept header ranks text/html above every GraphQL type.</summary>
public sealed class HtmlPreferenceTests
{
    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")] // Chromium's navigation
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")] // Firefox's
    [InlineData("text/html")]
    [InlineData("application/json;q=0.5, text/html")]
    public void PrefersHtml_BrowserNavigation_True(string accept) => Assert.True(AcceptNegotiator.PrefersHtml(accept));

    [Theory]
    [InlineData("")]
    [InlineData("*/*")] // curl: names no type, so it keeps getting JSON
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9")]
    [InlineData("text/html;q=0.5, application/json")]
    [InlineData("text/*, application/json")] // a tie goes to GraphQL
    [InlineData("text/html;q=0")]
    [InlineData("not a media type")]
    public void PrefersHtml_GraphQLClientsAndTies_False(string accept) => Assert.False(AcceptNegotiator.PrefersHtml(accept));
}
