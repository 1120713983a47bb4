using System.Buffers.Text;
using System.Net;
using System.Text;
using CrmFederation.Gateway.Tests.Limits;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>
/// Requests an attacker would send, through the real gateway over the sample systems: each gets a clear
/// error and a small answer, quickly (the timeouts only guard against a hang), and costs the sources
/// nothing when it is refused — counted by the systems themselves. Cases about the limits' exact wording
/// are in Http/GatewayLimitsTests, about hostile keys on the wire in Sources/HostileKeyRoundTripTests and
/// Sources/RequestUriBuilderTests; upstream-side cases (huge, compressed, redirecting answers) in Sources/.
/// </summary>
[Collection(SampleSystemsCollection.Name)]
public sealed class HostileRequestTests(SampleSystemsFixture fixture) : IAsyncLifetime
{
    private const int HangGuardMs = 60_000;

    public async Task InitializeAsync() => await fixture.Client.DataAsync("{ customer(id: \"C-000001\") { id } }");

    public Task DisposeAsync() => fixture.ResetAsync();

    /// <summary>One alias for 999 different lookups: every pair conflicts. It cost 15 s of CPU and a 143 MB answer of 500,000 errors.</summary>
    [Fact(Timeout = HangGuardMs)]
    public async Task Post_OneAliasForManyDifferentLookups_IsRefusedWithACappedErrorList()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(1, 999).Select(i => $"x: customer(id: \"C-{i:000000}\")")) + " }";

        var sent = await HostileRequest.SendAsync(fixture, new { query });

        Assert.Equal(HttpStatusCode.BadRequest, sent.Response.Status);
        Assert.Equal(101, sent.Response.Errors.GetArrayLength());
        Assert.Equal("OVERLAPPING_FIELDS_CAN_BE_MERGED,TOO_MANY_ERRORS", sent.Codes);
        Assert.Equal(0, sent.UpstreamCalls);
        sent.AssertSmall();
    }

    /// <summary>62 pages of 100 customers, six fetched fields each (992 fields): 901 upstream calls and a 3 MB answer, before the cost model.</summary>
    [Fact(Timeout = HangGuardMs)]
    public async Task Post_ManyAliasesOfLargePagesWithFetches_IsRefusedByTheCostModel()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 62).Select(i =>
            $"p{i}: customers(first: 100, country: \"C{i}\") {{ nodes {{ id name contacts {{ id }} billing {{ accountNumber }} invoices {{ number }} tickets {{ id }} shopper {{ id }} orders {{ id }} }} }}")) + " }";

        var sent = await HostileRequest.SendAsync(fixture, new { query });

        Assert.Equal(HttpStatusCode.BadRequest, sent.Response.Status);
        sent.AssertRefusedBeforeAnyCall("COST_LIMIT_EXCEEDED");
        Assert.Equal(50, sent.Extension("maxUpstreamCalls").GetInt32());
        Assert.True(sent.Extension("estimatedUpstreamCalls").GetInt64() > 901, sent.Response.Text);
    }

    /// <summary>90 lookups of the same 10,000 ids: a 244 MB answer. One lookup now takes at most 100 ids.</summary>
    [Fact(Timeout = HangGuardMs)]
    public async Task Post_LookupsOfTenThousandIds_AreEachRefusedWithoutACall()
    {
        var ids = Enumerable.Range(1, 10_000).Select(i => $"C-{i:000000}").ToArray();
        var query = "query($ids: [ID!]!) { " + string.Join(' ', Enumerable.Range(0, 90).Select(i => $"l{i}: customersByIds(ids: $ids) {{ id name }}")) + " }";

        var sent = await HostileRequest.SendAsync(fixture, new { query, variables = new { ids } });

        sent.AssertRefusedBeforeAnyCall("BAD_USER_INPUT");
        Assert.Equal(90, sent.Response.Errors.GetArrayLength());
        Assert.Equal("Argument 'ids' lists 10000 keys; one lookup takes at most 100.", sent.Response.Errors[0].GetProperty("message").GetString());
    }

    [Theory(Timeout = HangGuardMs)]
    [InlineData(100, 1)]
    [InlineData(101, 0)]
    public async Task Post_LookupAroundTheMaximumOfIds_IsAnsweredUpToIt(int count, int calls)
    {
        var ids = Enumerable.Range(1, count).Select(i => $"C-{i:000000}").ToArray();

        var sent = await HostileRequest.SendAsync(fixture, new { query = "query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }", variables = new { ids } });

        Assert.Equal(calls, sent.UpstreamCalls);
        Assert.Equal(count <= 100, sent.Response.Data.ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    /// <summary>Within the id maximum, 90 lookups of 100 ids still ask for 90,090 values (one call: the ids are the same): refused by the result size estimate.</summary>
    [Fact(Timeout = HangGuardMs)]
    public async Task Post_ManyLookupsOfAHundredIds_AreRefusedByTheResultSizeEstimate()
    {
        var ids = Enumerable.Range(1, 100).Select(i => $"C-{i:000000}").ToArray();
        var query = "query($ids: [ID!]!) { " + string.Join(' ', Enumerable.Range(0, 90).Select(i =>
            $"l{i}: customersByIds(ids: $ids) {{ id name domain industry segment country lifecycleStage primaryEmail phone ownerEmail }}")) + " }";

        var sent = await HostileRequest.SendAsync(fixture, new { query, variables = new { ids } });

        sent.AssertRefusedBeforeAnyCall("COST_LIMIT_EXCEEDED");
        Assert.Equal(50_000, sent.Extension("maxResultItems").GetInt32());
        Assert.Equal(90 * (1 + (100 * 10)), sent.Extension("estimatedResultItems").GetInt64());
    }

    public static TheoryData<string, string> Bombs() => new()
    {
        // Aliases past the field limit, each a lookup.
        { "{ " + string.Join(' ', Enumerable.Range(0, 1001).Select(i => $"c{i}: customer(id: \"C-000001\") {{ id }}")) + " }", "COMPLEXITY" },

        // 2^30 lookups through fragments that each spread the next twice.
        { FragmentChains.Doubling(links: 30, leaf: "customer(id: \"C-000001\") { id }"), "COMPLEXITY" },

        // Depth through fragments, past what the parser bounds.
        { FragmentChains.Linked(links: 3000, "Customer", root: "customer(id: \"C-000001\") { ...F0 }", link: next => $"billing {{ legalName }} ...{next}", leaf: "id"), "COMPLEXITY" },

        // Nesting the parser refuses.
        { "{ customer(id: \"C-000001\") { " + string.Concat(Enumerable.Repeat("billing { billingAddress { ", 200)) + "city" + string.Concat(Enumerable.Repeat(" } }", 200)) + " } }", "MAX_DEPTH_EXCEEDED" },

        // A thousand fragment spreads, each a lookup.
        { "{ " + string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"...F{i}")) + " } " + string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"fragment F{i} on Query {{ c{i}: customer(id: \"C-{i:000000}\") {{ id }} }}")), "COMPLEXITY" },
    };

    [Theory(Timeout = HangGuardMs)]
    [MemberData(nameof(Bombs))]
    public async Task Post_DepthAliasAndFragmentBombs_AreRefusedBeforeAnyCall(string query, string code)
    {
        var sent = await HostileRequest.SendAsync(fixture, new { query });

        Assert.Equal(HttpStatusCode.BadRequest, sent.Response.Status);
        sent.AssertRefusedBeforeAnyCall(code);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Post_HugeBody_Is413BeforeAnyCall()
    {
        var query = "{ customer(id: \"C-000001\") { id } }" + new string(' ', 2 * 1024 * 1024);

        var sent = await HostileRequest.SendAsync(fixture, new { query });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sent.Response.Status);
        sent.AssertRefusedBeforeAnyCall("BODY_TOO_LARGE");
    }

    public static TheoryData<string, object?> WrongVariables() => new()
    {
        { "query($first: Int!) { customers(first: $first) { totalCount } }", new { first = "ten" } },
        { "query($first: Int!) { customers(first: $first) { totalCount } }", null },
        { "query($id: ID!) { customer(id: $id) { id } }", new { id = new { nested = true } } },
        { "query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }", new { ids = new string?[] { "C-000001", null } } },
        { "query($first: Int!) { customers(first: $first) { totalCount } }", new { first = 1e20 } },
    };

    [Theory(Timeout = HangGuardMs)]
    [MemberData(nameof(WrongVariables))]
    public async Task Post_WrongVariables_AreRefusedBeforeAnyCall(string query, object? variables)
    {
        var sent = await HostileRequest.SendAsync(fixture, new { query, variables });

        Assert.Equal(HttpStatusCode.BadRequest, sent.Response.Status);
        Assert.Equal(0, sent.UpstreamCalls);
        sent.AssertSmall();
        Assert.False(sent.Response.HasData);
    }

    public static TheoryData<string> ForgedCursors() => new()
    {
        "garbage",
        "",
        new string('A', 5000),

        // The CRM's own cursor for offset 100: valid to the CRM, but not one the gateway handed out.
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes("o:100")),
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes("o:100")) + ".AAAAAAAAAAAAAAAAAAAAAA",
        "x' OR '1'='1",
    };

    [Theory(Timeout = HangGuardMs)]
    [MemberData(nameof(ForgedCursors))]
    public async Task Post_CursorTheGatewayDidNotIssue_IsRefusedAndNeverSent(string cursor)
    {
        var sent = await HostileRequest.SendAsync(fixture, new { query = "query($after: String) { customers(first: 2, after: $after) { nodes { id } } }", variables = new { after = cursor } });

        sent.AssertRefusedBeforeAnyCall("BAD_USER_INPUT");
        Assert.StartsWith("Invalid cursor", sent.Response.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Post_IssuedCursorWithItsSourceCursorSwapped_IsRefused()
    {
        var issued = await EndCursorAsync(after: null);
        var forged = Base64Url.EncodeToString(Encoding.ASCII.GetBytes("o:9000")) + issued[issued.IndexOf('.', StringComparison.Ordinal)..];

        var sent = await HostileRequest.SendAsync(fixture, new { query = "query($after: String) { customers(first: 2, after: $after) { nodes { id } } }", variables = new { after = forged } });

        sent.AssertRefusedBeforeAnyCall("BAD_USER_INPUT");
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Post_IssuedCursor_PagesOnWithOneCallPerPage()
    {
        const string Page = "query($after: String) { customers(first: 2, after: $after) { nodes { id } pageInfo { endCursor } } }";
        var first = await HostileRequest.SendAsync(fixture, new { query = Page });
        var cursor = first.Response.Data.GetProperty("customers").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var second = await HostileRequest.SendAsync(fixture, new { query = Page, variables = new { after = cursor } });

        Assert.DoesNotContain("o:", cursor, StringComparison.Ordinal);
        Assert.Equal(1, second.UpstreamCalls);
        var firstIds = first.Response.Data.GetProperty("customers").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString());
        var secondIds = second.Response.Data.GetProperty("customers").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
    }

    /// <summary>Keys that would change the request's shape are answered "not found" without a call; the rest go out escaped, one opaque value each.</summary>
    [Fact(Timeout = HangGuardMs)]
    public async Task Post_KeysWithCommasSlashesEscapesAndQuotes_NeverChangeTheUpstreamRequest()
    {
        var single = await HostileRequest.SendAsync(fixture, new { query = "{ customer(id: \"C-000001,C-000002\") { id } }" });
        var many = await HostileRequest.SendAsync(fixture, new
        {
            query = "query($ids: [ID!]!) { customersByIds(ids: $ids) { id } }",
            variables = new { ids = new[] { "C-000001", "../admin", "C-000002%2F", "C-000003\"", "C-000004/x", "C-000005&ids=C-000006" } },
        });

        Assert.Equal(0, single.UpstreamCalls);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, single.Response.Data.GetProperty("customer").ValueKind);
        Assert.Equal(1, many.UpstreamCalls);
        Assert.Equal(["C-000001", null, null, null, null, null], many.Response.Data.GetProperty("customersByIds").EnumerateArray().Select(c => c.ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.GetProperty("id").GetString()));
    }

    /// <summary><c>first: null</c> is the schema's default (20) with the same bounds, not the source's own "no limit".</summary>
    [Theory(Timeout = HangGuardMs)]
    [InlineData("{ customers(first: null) { nodes { id } } }", 20)]
    [InlineData("query($first: Int) { customers(first: $first) { nodes { id } } }", 20)]
    [InlineData("{ customers { nodes { id } } }", 20)]
    [InlineData("{ customers(first: 3) { nodes { id } } }", 3)]
    public async Task Post_FirstNullOrAbsent_IsTheSchemaDefault(string query, int rows)
    {
        var sent = await HostileRequest.SendAsync(fixture, new { query, variables = new { first = (int?)null } });

        Assert.Equal(rows, sent.Response.Data.GetProperty("customers").GetProperty("nodes").GetArrayLength());
        Assert.Equal(1, sent.UpstreamCalls);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Post_FirstOverItsMaximum_IsRefusedWithoutACall()
    {
        var sent = await HostileRequest.SendAsync(fixture, new { query = "{ customers(first: 100000) { nodes { id } } }" });

        sent.AssertRefusedBeforeAnyCall("BAD_USER_INPUT");
    }

    private async Task<string> EndCursorAsync(string? after)
    {
        var data = await fixture.Client.DataAsync("query($after: String) { customers(first: 2, after: $after) { pageInfo { endCursor } } }", new { after });
        return data.GetProperty("customers").GetProperty("pageInfo").GetProperty("endCursor").GetString()!;
    }
}
