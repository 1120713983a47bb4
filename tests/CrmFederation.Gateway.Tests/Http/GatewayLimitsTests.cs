using System.Net;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Limits;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Limits;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CrmFederation.Gateway.Tests.TestSupport.SandboxGateway;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// The limits of gateway.json on the real gateway: query depth and field count (GraphQL errors, nothing
/// executed) and body size (413), each read from the snapshot current when the request arrives. The
/// queries ask only for introspection and __typename, so no source is called.
/// </summary>
public sealed class GatewayLimitsTests
{
    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task Post_QueryAtTheDepthLimit_IsExecuted()
    {
        using var sandbox = SandboxWithLimits(maxQueryDepth: 4);
        await using var gateway = Start(sandbox);

        var response = await PostQueryAsync(gateway, NestedQuery(depth: 4));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Body.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        Assert.Equal(JsonValueKind.Object, response.Data.GetProperty("__type").ValueKind);
    }

    [Theory]
    [InlineData(15, HttpStatusCode.OK)]
    [InlineData(16, HttpStatusCode.BadRequest)]
    public async Task Post_QueryAroundTheShippedDepthLimit_IsExecutedUpToIt(int depth, HttpStatusCode expected)
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, NestedQuery(depth));

        Assert.True(expected == response.Status, response.Text);
    }

    [Fact]
    public async Task Post_QueryDeeperThanTheLimit_IsRefusedWithAGraphQLError()
    {
        using var sandbox = SandboxWithLimits(maxQueryDepth: 4);
        await using var gateway = Start(sandbox);

        var response = await PostQueryAsync(gateway, NestedQuery(depth: 5));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.HasData);
        Assert.Equal("The query is nested 5 levels deep; this endpoint allows at most 4.", Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Get_QueryDeeperThanTheLimit_IsRefusedToo()
    {
        using var sandbox = SandboxWithLimits(maxQueryDepth: 4);
        await using var gateway = Start(sandbox);
        using var http = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(NestedQuery(depth: 5)));
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        request.Headers.Add("Accept", GraphQLResponse);

        using var answer = await http.SendAsync(request);
        var response = await GraphQLHttpResponse.ReadAsync(answer);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("nested 5 levels deep", response.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ a: __typename b: __typename c: __typename d: __typename e: __typename }", null)]
    [InlineData("{ a: __typename b: __typename c: __typename d: __typename e: __typename f: __typename }", 6)]
    [InlineData("{ ...Three ...Three } fragment Three on Query { a: __typename b: __typename c: __typename }", 6)]
    public async Task Post_FieldsOverTheLimit_AreRefusedCountingAliasesAndEachFragmentUse(string query, int? refusedCount)
    {
        using var sandbox = SandboxWithLimits(maxFieldCount: 5);
        await using var gateway = Start(sandbox);

        var response = await PostQueryAsync(gateway, query);

        if (refusedCount is { } count)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal($"The query counts {count} fields; this endpoint allows at most 5.", response.Errors[0].GetProperty("message").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal("Query", response.Data.GetProperty("e").GetString());
        }
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413WithAGraphQLErrorBody()
    {
        using var sandbox = SandboxWithLimits(maxRequestBodyBytes: 2048);
        await using var gateway = Start(sandbox);

        var over = await PostBodyAsync(gateway, BodyOfLength(2049));
        var atLimit = await PostBodyAsync(gateway, BodyOfLength(2048));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.Status);
        Assert.StartsWith(GraphQLResponse, over.ContentType, StringComparison.Ordinal);
        Assert.False(over.HasData);
        Assert.Equal("The request body is larger than the 2048 bytes this endpoint accepts.", Assert.Single(over.Errors.EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal("BODY_TOO_LARGE", over.FirstErrorCode);
        Assert.Equal(HttpStatusCode.OK, atLimit.Status);
    }

    [Fact]
    public async Task Swap_SnapshotWithLowerLimits_AppliesThemToTheNextRequest()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        using var stricter = SandboxWithLimits(maxQueryDepth: 4, maxRequestBodyBytes: 2048);
        await using var gateway = Start(sample);
        var deep = NestedQuery(depth: 5);
        var body = BodyOfLength(4096);

        var deepBefore = await PostQueryAsync(gateway, deep);
        var bodyBefore = await PostBodyAsync(gateway, body);
        var next = gateway.Services.GetRequiredService<GatewayConfigCompiler>()
            .Compile(stricter.Directory, name => ConfigSandbox.SampleVariables.GetValueOrDefault(name));
        gateway.Services.GetRequiredService<GatewaySnapshotHolder>().Swap(next);
        var deepAfter = await PostQueryAsync(gateway, deep);
        var bodyAfter = await PostBodyAsync(gateway, body);

        Assert.Equal(HttpStatusCode.OK, deepBefore.Status);
        Assert.Equal(HttpStatusCode.OK, bodyBefore.Status);
        Assert.Equal(HttpStatusCode.BadRequest, deepAfter.Status);
        Assert.Contains("this endpoint allows at most 4", deepAfter.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bodyAfter.Status);
    }

    /// <summary>
    /// The introspection query GraphiQL and code generators send is 15 levels deep (<c>fields → args → type</c>
    /// and nine <c>ofType</c>) and selects 220 fields, each counted once however many types the schema has:
    /// the shipped limits let it through, tighter ones refuse it.
    /// </summary>
    [Fact]
    public async Task Post_StandardIntrospectionQuery_PassesTheShippedLimits()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, IntrospectionQueries.Current);

        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        Assert.False(response.Body.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        Assert.Contains(response.Data.GetProperty("__schema").GetProperty("types").EnumerateArray(), type => type.GetProperty("name").GetString() == "Customer");
    }

    [Theory]
    [InlineData(14, null, "The query is nested 15 levels deep; this endpoint allows at most 14.")]
    [InlineData(null, 219, "The query counts 220 fields; this endpoint allows at most 219.")]
    public async Task Post_StandardIntrospectionQuery_IsRefusedByTighterLimits(int? maxQueryDepth, int? maxFieldCount, string message)
    {
        using var sandbox = SandboxWithLimits(maxQueryDepth, maxFieldCount);
        await using var gateway = Start(sandbox);

        var response = await PostQueryAsync(gateway, IntrospectionQueries.Current);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(message, Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
    }

    /// <summary>
    /// Thirty fragments that each spread the next twice (1.2 KB) select 2^30 fields. GraphQL.NET's complexity
    /// analyzer walked every one of those paths (minutes of CPU per request); the gateway measures each
    /// fragment once. The timeout only guards against that regression coming back.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Post_DoublingFragmentChain_IsRefusedWithItsExactFieldCount()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, FragmentChains.Doubling(links: 30, leaf: "__typename"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("The query counts 1073741824 fields; this endpoint allows at most 1000.", Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_FragmentChainSelectingMoreThanALongCounts_IsRefusedAsAtLeastTheCeiling()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, FragmentChains.Doubling(links: 70, leaf: "__typename"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal($"The query counts at least {long.MaxValue} fields; this endpoint allows at most 1000.", Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
    }

    /// <summary>GraphQL.NET compares fragment spreads pairwise; 1,000 one-field fragments would cost seconds of CPU to validate.</summary>
    [Theory]
    [InlineData(QueryLimitsValidator.MaxFragmentSpreads, HttpStatusCode.OK)]
    [InlineData(QueryLimitsValidator.MaxFragmentSpreads + 1, HttpStatusCode.BadRequest)]
    [InlineData(1000, HttpStatusCode.BadRequest)]
    public async Task Post_ManyFragmentSpreads_AreRefusedPastTheBound(int spreads, HttpStatusCode expected)
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);
        var fragments = Enumerable.Range(0, spreads).ToList();
        var document = "{ " + string.Join(' ', fragments.Select(i => $"...F{i}")) + " } "
            + string.Join(' ', fragments.Select(i => $"fragment F{i} on Query {{ __typename }}"));

        var response = await PostQueryAsync(gateway, document);

        Assert.Equal(expected, response.Status);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal(
                $"The document spreads fragments {spreads} times; this endpoint allows at most {QueryLimitsValidator.MaxFragmentSpreads}.",
                Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Post_FragmentCycle_GetsGraphQLNetsCycleError()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, "{ ...A } fragment A on Query { __typename ...B } fragment B on Query { __typename ...A }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.HasData);
        Assert.Equal("Cannot spread fragment 'A' within itself via B.", Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
        Assert.Equal("NO_FRAGMENT_CYCLES", response.FirstErrorCode);
    }

    [Fact]
    public async Task Post_SelectionsNestedThousandsDeep_AreRefusedByTheParser()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, NestedQuery(depth: 5000));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.HasData);
        Assert.Single(response.Errors.EnumerateArray());
        Assert.Equal("MAX_DEPTH_EXCEEDED", response.FirstErrorCode);
    }

    /// <summary>
    /// Fragments let a document nest past the parser's bound; 5,000 levels of them overflowed the stack in
    /// GraphQL.NET's own validation rules, ending the process. The gateway refuses the document before them.
    /// </summary>
    [Fact]
    public async Task Post_FieldsNestedThousandsDeepThroughFragments_AreRefusedWithTheirDepth()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, FragmentChains.Linked(links: 5000, "__Type", root: "__type(name: \"Customer\") { ...F0 }", link: next => $"ofType {{ ...{next} }}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("The query is nested 5002 levels deep; this endpoint allows at most 15.", Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
    }

    /// <summary>
    /// Spreads nested in spreads add no depth and no fields, but GraphQL.NET's rules recurse through them
    /// (and compare them pairwise): thousands cost minutes or overflow the stack. The nesting bound refuses them.
    /// </summary>
    [Fact]
    public async Task Post_FragmentSpreadsNestedThousandsDeep_AreRefusedWithTheirNesting()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, FragmentChains.Linked(links: 5000, "Query", root: "...F0", link: next => $"...{next}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(
            $"The query nests 5002 selection sets, those of fragments included; this endpoint allows at most {QueryLimitsValidator.MaxNesting}.",
            Assert.Single(response.Errors.EnumerateArray()).GetProperty("message").GetString());
    }

    /// <summary>A copy of the sample config whose gateway.json sets the given limits (the others keep the sample's values).</summary>
    private static ConfigSandbox SandboxWithLimits(int? maxQueryDepth = null, int? maxFieldCount = null, int? maxRequestBodyBytes = null)
    {
        var sandbox = ConfigSandbox.CopyOfSample();
        if (maxQueryDepth is { } depth)
        {
            sandbox.Replace("gateway.json", "\"maxQueryDepth\": 15", $"\"maxQueryDepth\": {depth}");
        }

        if (maxFieldCount is { } fields)
        {
            sandbox.Replace("gateway.json", "\"maxFieldCount\": 1000", $"\"maxFieldCount\": {fields}");
        }

        if (maxRequestBodyBytes is { } bytes)
        {
            sandbox.Replace("gateway.json", "\"maxRequestBodyBytes\": 1048576", $"\"maxRequestBodyBytes\": {bytes}");
        }

        return sandbox;
    }

    /// <summary>
    /// An introspection query <paramref name="depth"/> levels of fields deep: <c>__type</c>, then
    /// <c>ofType</c> nested until <c>name</c> sits at that depth.
    /// </summary>
    private static string NestedQuery(int depth)
    {
        var ofTypes = depth - 2;
        return "{ __type(name: \"Customer\") { " + string.Concat(Enumerable.Repeat("ofType { ", ofTypes)) + "name"
            + string.Concat(Enumerable.Repeat(" }", ofTypes)) + " } }";
    }

    /// <summary>A valid request of exactly <paramref name="length"/> UTF-8 bytes, padded with whitespace.</summary>
    private static string BodyOfLength(int length)
    {
        const string request = """{"query":"{ __typename }"}""";
        var body = request + new string(' ', length - request.Length);
        Assert.Equal(length, Encoding.UTF8.GetByteCount(body));
        return body;
    }
}
