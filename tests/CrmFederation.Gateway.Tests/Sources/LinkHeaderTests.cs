using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Sources;

public sealed class LinkHeaderTests
{
    [Theory]
    [InlineData("<https://shop.test/orders.json?page_info=p2>; rel=\"next\"")]
    [InlineData("<https://shop.test/orders.json?page_info=p2>; rel=next")]
    [InlineData("<https://shop.test/orders.json?page_info=p2>;REL=\"NEXT\"")]
    [InlineData("<https://shop.test/orders.json?page_info=p0>; rel=\"previous\", <https://shop.test/orders.json?page_info=p2>; rel=\"next\"")]
    public void FindNext_NextLink_ReturnsItsTarget(string header)
    {
        Assert.Equal("https://shop.test/orders.json?page_info=p2", FindNext(header));
    }

    [Fact]
    public void FindNext_NextInSecondHeaderValue_ReturnsItsTarget()
    {
        Assert.Equal("https://shop.test/p2", FindNext("<https://shop.test/p0>; rel=\"previous\"", "<https://shop.test/p2>; rel=\"next\""));
    }

    [Theory]
    [InlineData("<https://shop.test/orders.json?page_info=p0>; rel=\"previous\"")]
    [InlineData("https://shop.test/orders.json?page_info=p2; rel=\"next\"")]
    [InlineData("")]
    public void FindNext_NoNextLink_ReturnsNull(string header)
    {
        Assert.Null(FindNext(header));
    }

    [Fact]
    public void FindNext_NoLinkHeader_ReturnsNull()
    {
        Assert.Null(FindNext());
    }

    private static string? FindNext(params string[] linkHeaderValues)
    {
        using var response = new HttpResponseMessage();
        foreach (var value in linkHeaderValues)
        {
            response.Headers.TryAddWithoutValidation("Link", value);
        }

        return LinkHeader.FindNext(response.Headers);
    }
}
