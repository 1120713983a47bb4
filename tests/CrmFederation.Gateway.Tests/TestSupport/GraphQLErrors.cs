using System.Text.Json;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>Reading the errors of a GraphQL response.</summary>
public static class GraphQLErrors
{
    /// <summary>An error's path as dotted text: <c>customers.nodes.3.billing</c>.</summary>
    public static string PathOf(JsonElement error) => string.Join('.', error.GetProperty("path").EnumerateArray().Select(p => p.ToString()));

    /// <summary>The paths of the response's FORBIDDEN errors, sorted.</summary>
    public static List<string> ForbiddenPaths(JsonElement result) => result.GetProperty("errors").EnumerateArray()
        .Where(error => error.GetProperty("extensions").GetProperty("code").GetString() == "FORBIDDEN")
        .Select(PathOf)
        .Order(StringComparer.Ordinal)
        .ToList();
}
