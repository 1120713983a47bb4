using System.Text;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

public sealed class JsonLineIndexTests
{
    private static JsonLineIndex Index(string json) => JsonLineIndex.Build(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void LineOf_NestedObjects_GivesTheLineOfEachPropertyName()
    {
        var index = Index("""
            {
              "name": "crm",
              "auth": {
                "scheme": "basic",
                "password": { "env": "PW" }
              },
              "endpoints": {
                "byId": {
                  "path": "/x"
                }
              }
            }
            """);

        Assert.Equal(2, index.LineOf("$.name"));
        Assert.Equal(3, index.LineOf("$.auth"));
        Assert.Equal(4, index.LineOf("$.auth.scheme"));
        Assert.Equal(5, index.LineOf("$.auth.password"));
        Assert.Equal(5, index.LineOf("$.auth.password.env"));
        Assert.Equal(7, index.LineOf("$.endpoints"));
        Assert.Equal(9, index.LineOf("$.endpoints.byId.path"));
    }

    [Fact]
    public void LineOf_PathNotInTheFile_FallsBackToTheNearestAncestor()
    {
        var index = Index("{\n  \"auth\": {\n    \"scheme\": \"basic\"\n  }\n}");

        Assert.Equal(2, index.LineOf("$.auth.password.default"));
        Assert.Null(index.LineOf("$.limits"));
        Assert.Null(index.LineOf("$"));
        Assert.Null(index.LineOf(""));
    }

    [Fact]
    public void LineOf_ValuesInsideArrays_AreFoundByIndexAndPropertiesAfterTheArrayToo()
    {
        var index = Index("""
            {
              "list": [
                { "a": 1 },
                {
                  "b": [1, 2, [3]]
                }
              ],
              "after": true
            }
            """);

        Assert.Equal(2, index.LineOf("$.list"));
        Assert.Equal(3, index.LineOf("$.list[0]"));
        Assert.Equal(3, index.LineOf("$.list[0].a"));
        Assert.Equal(4, index.LineOf("$.list[1]"));
        Assert.Equal(5, index.LineOf("$.list[1].b"));
        Assert.Equal(5, index.LineOf("$.list[1].b[2][0]"));
        Assert.Equal(2, index.LineOf("$.list[2]"));
        Assert.Equal(8, index.LineOf("$.after"));
    }

    [Fact]
    public void LineOf_SiblingsAfterNestedValues_AreNotNestedUnderThem()
    {
        var index = Index("{ \"a\": { \"b\": { \"c\": 1 } },\n \"d\": 2,\n \"e\": { \"f\": null } }");

        Assert.Equal(1, index.LineOf("$.a.b.c"));
        Assert.Equal(2, index.LineOf("$.d"));
        Assert.Equal(3, index.LineOf("$.e.f"));
    }

    [Fact]
    public void LineOf_DuplicateProperty_KeepsTheFirstLine()
    {
        var index = Index("{\n  \"a\": 1,\n  \"a\": 2\n}");

        Assert.Equal(2, index.LineOf("$.a"));
    }

    [Fact]
    public void Build_CommentsTrailingCommasAndCrLf_AreTolerated()
    {
        var index = Index("{\r\n  // the CRM\r\n  \"name\": \"crm\",\r\n  /* more */\r\n  \"items\": [1, 2,],\r\n}");

        Assert.Equal(3, index.LineOf("$.name"));
        Assert.Equal(5, index.LineOf("$.items"));
    }

    [Fact]
    public void Build_SyntaxError_KeepsTheLinesBeforeIt()
    {
        var index = Index("{\n  \"name\": \"crm\",\n  \"broken\" 1,\n  \"later\": 2\n}");

        Assert.Equal(2, index.LineOf("$.name"));
        Assert.Null(index.LineOf("$.later"));
    }

    [Fact]
    public void LineOf_PropertyNamesWithDots_AreFoundVerbatim()
    {
        var index = Index("{\n  \"enumMaps\": {\n    \"crm.segment\": {\n      \"SMB\": \"SMB\"\n    }\n  }\n}");

        Assert.Equal(3, index.LineOf("$.enumMaps.crm.segment"));
        Assert.Equal(4, index.LineOf("$.enumMaps.crm.segment.SMB"));
    }
}
