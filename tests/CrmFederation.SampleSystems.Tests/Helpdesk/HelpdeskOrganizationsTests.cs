namespace CrmFederation.SampleSystems.Tests.Helpdesk;

[Collection(SharedSystemsCollection.Name)]
public sealed class HelpdeskOrganizationsTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task ShowMany_ByExternalIds_ReturnsTheOrganizationsThatExist()
    {
        var externalIds = Keys.CrmIds(1, 100);
        var expected = _systems.Data.HelpdeskOrganizations.Where(o => externalIds.Contains(o.ExternalId)).ToDictionary(o => o.ExternalId);

        var (status, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/organizations/show_many?external_ids={Keys.Join(externalIds)}");
        var organizations = body.GetProperty("organizations").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), organizations.Select(o => o.GetProperty("external_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(organizations, organization =>
        {
            var record = expected[organization.GetProperty("external_id").GetString()!];
            Assert.Equal(["id", "external_id", "name", "created_at"], organization.PropertyNames());
            Assert.Equal(JsonValueKind.Number, organization.GetProperty("id").ValueKind);
            Assert.Equal(record.Id, organization.GetProperty("id").GetInt64());
            Assert.Matches("Z$", organization.GetProperty("created_at").GetString());
        });
    }

    [Fact]
    public async Task ShowMany_RepeatedParameterAndUnknownIds_MatchTheCommaForm()
    {
        var known = _systems.Data.HelpdeskOrganizations.Take(3).Select(o => o.ExternalId).ToArray();

        var (_, comma) = await _systems.Helpdesk.FetchAsync($"/api/v2/organizations/show_many?external_ids={Keys.Join(known)},C-999999");
        var (_, repeated) = await _systems.Helpdesk.FetchAsync($"/api/v2/organizations/show_many?{Keys.Repeated("external_ids", [.. known, "C-999999"])}");

        Assert.Equal(known.Order(StringComparer.Ordinal), comma.GetProperty("organizations").Strings("external_id").Order(StringComparer.Ordinal));
        Assert.Equal(known.Order(StringComparer.Ordinal), repeated.GetProperty("organizations").Strings("external_id").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ShowMany_101ExternalIds_Returns400TooManyKeys()
    {
        var (status, body) = await _systems.Helpdesk.FetchAsync($"/api/v2/organizations/show_many?external_ids={Keys.Join(Keys.CrmIds(1, 101))}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic aGVscGRlc2stdG9rZW4=")]
    public async Task Helpdesk_MissingOrWrongToken_Returns401(string? authorization)
    {
        foreach (var path in new[] { "/api/v2/organizations/show_many?external_ids=C-000001", "/api/v2/tickets?organization_ids=9000001" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_systems.Running.HelpdeskBaseUrl, path));
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await _systems.Anonymous.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", (await response.ReadJsonAsync()).Error());
        }
    }
}
