using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems.Tests.Helpdesk;

[Collection(SharedSystemsCollection.Name)]
public sealed class HelpdeskTicketsTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    private List<HelpdeskTicket> TicketsOf(params long[] organizationIds) =>
        [.. _systems.Data.HelpdeskTickets.Where(t => organizationIds.Contains(t.OrganizationId)).OrderBy(t => t.Id)];

    private long BusyOrganization(int which = 0) =>
        _systems.Data.HelpdeskTickets.GroupBy(t => t.OrganizationId).Where(g => g.Count() > 100).Select(g => g.Key).Order().ElementAt(which);

    [Fact]
    public async Task Tickets_BusyOrganization_FollowingNextPageCollectsEveryTicketInIdOrder()
    {
        var organization = BusyOrganization();
        var expected = TicketsOf(organization);
        var pages = await ReadAllPagesAsync($"/api/v2/tickets?organization_ids={organization}");

        Assert.True(expected.Count > 100);
        Assert.Equal((expected.Count + 99) / 100, pages.Count);
        Assert.Equal(expected.Select(t => t.Id), pages.SelectMany(p => p.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())));
        Assert.All(pages, p => Assert.Equal(expected.Count, p.GetProperty("count").GetInt32()));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(100, p.GetProperty("tickets").GetArrayLength()));
        Assert.Equal(JsonValueKind.Null, pages[^1].GetProperty("next_page").ValueKind);
    }

    [Fact]
    public async Task Tickets_NextPage_IsAnAbsoluteUrlOnThisSystemsPort()
    {
        var organization = BusyOrganization();

        var (_, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/tickets?organization_ids={organization}&per_page=25");
        var next = new Uri(body.GetProperty("next_page").GetString()!);

        Assert.True(next.IsAbsoluteUri);
        Assert.Equal(_systems.Running.HelpdeskBaseUrl.GetLeftPart(UriPartial.Authority), next.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/api/v2/tickets", next.AbsolutePath);
        Assert.Contains("page=2", next.Query, StringComparison.Ordinal);
        Assert.Contains("per_page=25", next.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tickets_BatchOfOrganizations_AreMergedInIdOrderAcrossPages()
    {
        var organizations = new[] { BusyOrganization(1), _systems.Data.HelpdeskOrganizations[0].Id, _systems.Data.HelpdeskOrganizations[1].Id };
        var expected = TicketsOf(organizations);

        var pages = await ReadAllPagesAsync($"/api/v2/tickets?organization_ids={Keys.Join(organizations.Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture)))}&per_page=40");

        Assert.Equal(expected.Select(t => t.Id), pages.SelectMany(p => p.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())));
    }

    [Fact]
    public async Task Tickets_StatusList_CommaAndRepeatedFilterAlikeAndSurviveNextPage()
    {
        var organization = BusyOrganization(2);
        var expected = TicketsOf(organization).Where(t => t.Status is "solved" or "closed").Select(t => t.Id).ToList();

        var comma = await ReadAllPagesAsync($"/api/v2/tickets?organization_ids={organization}&status=solved,closed&per_page=30");
        var repeated = await ReadAllPagesAsync($"/api/v2/tickets?organization_ids={organization}&status=solved&status=closed&per_page=30");

        Assert.Equal(expected, comma.SelectMany(p => p.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())));
        Assert.Equal(expected, repeated.SelectMany(p => p.GetProperty("tickets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())));
        Assert.All(comma, p => Assert.Equal(expected.Count, p.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Tickets_Ticket_HasTheContractFields()
    {
        var ticket = _systems.Data.HelpdeskTickets[0];

        var (_, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/tickets?organization_ids={ticket.OrganizationId}");
        var first = body.GetProperty("tickets")[0];

        Assert.Equal(["tickets", "next_page", "count"], body.PropertyNames());
        Assert.Equal(["id", "organization_id", "subject", "status", "priority", "created_at", "updated_at", "satisfaction_rating"], first.PropertyNames());
        Assert.Equal(ticket.Id, first.GetProperty("id").GetInt64());
        Assert.Equal(ticket.SatisfactionScore, first.GetProperty("satisfaction_rating").GetProperty("score").GetString());
        Assert.Equal(ticket.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), first.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task Tickets_PageBeyondTheEnd_IsEmptyWithNullNextPageAndTheCount()
    {
        var organization = BusyOrganization();

        var (status, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/tickets?organization_ids={organization}&page=50");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("tickets").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_page").ValueKind);
        Assert.Equal(TicketsOf(organization).Count, body.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("per_page=101")]
    [InlineData("per_page=0")]
    [InlineData("page=0")]
    [InlineData("page=x")]
    [InlineData("status=waiting")]
    [InlineData("status=Open")]
    public async Task Tickets_InvalidParameter_Returns400(string query)
    {
        var (status, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/tickets?organization_ids=9000001&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_parameter", body.Error());
    }

    [Fact]
    public async Task Tickets_101OrganizationIds_Returns400TooManyKeys()
    {
        var ids = Enumerable.Range(9_000_001, 101).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (status, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/tickets?organization_ids={Keys.Join(ids)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
    }

    /// <summary>Reads the first page, then follows <c>next_page</c> (an absolute URL) until it is null.</summary>
    private async Task<List<JsonElement>> ReadAllPagesAsync(string firstPage)
    {
        var pages = new List<JsonElement>();
        string? url = firstPage;
        while (url is not null)
        {
            var (status, body) = await _systems.Helpdesk.FetchAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            pages.Add(body);
            url = body.GetProperty("next_page").GetString();
            Assert.True(pages.Count < 100, "paging does not end");
        }

        return pages;
    }
}
