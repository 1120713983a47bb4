using System.Text.Json;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Sources;

/// <summary>Dotted paths into source JSON; indexed ones (envelopes) may also step into arrays.</summary>
public sealed class JsonPathTests
{
    private static readonly JsonElement Body = JsonDocument.Parse("""
        {"errors": [{"code": "606"}, {"code": "607"}], "grid": [[1, 2], [3, 4]], "a[0]": "literal"}
        """).RootElement;

    [Theory]
    [InlineData("errors[0].code", "606")]
    [InlineData("errors[1].code", "607")]
    [InlineData("grid[1][0]", "3")]
    [InlineData("errors[2].code", null)]
    [InlineData("errors.code", null)]
    [InlineData("grid[0].x", null)]
    public void ParseIndexed_ResolveKey_StepsIntoArrays(string path, string? expected)
    {
        Assert.Equal(expected, JsonPath.ParseIndexed(path).ResolveKey(Body));
    }

    [Fact]
    public void Parse_Brackets_ArePartOfTheName()
    {
        Assert.Equal("literal", JsonPath.Parse("a[0]").ResolveKey(Body));
    }

    [Theory]
    [InlineData("errors[0].code", true)]
    [InlineData("grid[1][0]", true)]
    [InlineData("ok", true)]
    [InlineData("", false)]
    [InlineData("errors[]", false)]
    [InlineData("errors[x]", false)]
    [InlineData("errors[-1]", false)]
    [InlineData("[0]", false)]
    [InlineData("errors[0]x", false)]
    [InlineData("errors]", false)]
    [InlineData("errors..code", false)]
    public void IsWellFormedIndexed_NamesThenIndexes(string path, bool expected)
    {
        Assert.Equal(expected, JsonPath.IsWellFormedIndexed(path));
    }
}
