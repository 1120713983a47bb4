using System.Text;

namespace CrmFederation.SampleSystems.Tests.Crm;

/// <summary>PATCHes, on systems of their own so the shared systems keep the generated data.</summary>
public sealed class CrmCustomerPatchTests(MutableSystemsFixture fixture) : IClassFixture<MutableSystemsFixture>
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Patch_EveryWritableField_ReturnsTheUpdatedCustomerAndPersists()
    {
        var before = _systems.Data.CrmCustomers[10];
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        var (status, patched) = await PatchAsync(before.Id, """
            {"name":"Renamed Ltd","phone":"+44 20 7946 0000","primaryEmail":"New.Person@Renamed.example",
             "segment":"Enterprise","lifecycleStage":"churned","ownerEmail":"someone@crmfed.example"}
            """);
        var (_, fetched) = await _systems.Crm.FetchAsync($"/crm/v3/customers/{before.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var body in new[] { patched, fetched })
        {
            Assert.Equal("Renamed Ltd", body.GetProperty("name").GetString());
            Assert.Equal("+44 20 7946 0000", body.GetProperty("phone").GetString());
            Assert.Equal("New.Person@Renamed.example", body.GetProperty("primaryEmail").GetString());
            Assert.Equal("Enterprise", body.GetProperty("segment").GetString());
            Assert.Equal("churned", body.GetProperty("lifecycleStage").GetString());
            Assert.Equal("someone@crmfed.example", body.GetProperty("ownerEmail").GetString());
            Assert.Equal(before.Domain, body.GetProperty("domain").GetString());
            Assert.True(DateTimeOffset.Parse(body.GetProperty("updatedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= started);
            Assert.Matches("Z$", body.GetProperty("updatedAt").GetString());
        }

        Assert.Equal(before, _systems.Data.CrmCustomers[10]);
    }

    [Fact]
    public async Task Patch_NullPhone_ClearsIt()
    {
        var id = _systems.Data.CrmCustomers.First(c => c.Phone is not null).Id;

        var (status, body) = await PatchAsync(id, """{"phone":null}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task Patch_Rename_ShowsInBatchListFiltersAndSort()
    {
        var id = _systems.Data.CrmCustomers[20].Id;

        await PatchAsync(id, """{"name":"AAA First Of All Inc","segment":"MidMarket"}""");
        var (_, batch) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={id}");
        var (_, sorted) = await _systems.Crm.FetchAsync("/crm/v3/customers?sort=name&limit=1");
        var (_, recent) = await _systems.Crm.FetchAsync("/crm/v3/customers?sort=-updatedAt&segment=MidMarket&limit=100");

        Assert.Equal("AAA First Of All Inc", batch.GetProperty("results")[0].GetProperty("name").GetString());
        Assert.Equal(id, sorted.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Contains(id, recent.GetProperty("results").Strings("id"));
    }

    [Fact]
    public async Task Patch_UnknownCustomer_Returns404()
    {
        var (status, body) = await PatchAsync("C-999999", """{"name":"Ghost"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", body.Error());
    }

    [Theory]
    [InlineData("""{"segment":"Huge"}""", "segment")]
    [InlineData("""{"segment":"smb"}""", "segment")]
    [InlineData("""{"lifecycleStage":"Customer"}""", "lifecycleStage")]
    [InlineData("""{"primaryEmail":"not-an-email"}""", "primaryEmail")]
    [InlineData("""{"primaryEmail":"a@b"}""", "primaryEmail")]
    [InlineData("""{"primaryEmail":null}""", "primaryEmail")]
    [InlineData("""{"ownerEmail":"two@@signs.example"}""", "ownerEmail")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"   "}""", "name")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"name":42}""", "name")]
    [InlineData("""{"phone":42}""", "phone")]
    [InlineData("""{"color":"red"}""", "color")]
    [InlineData("""{"id":"C-000002"}""", "id")]
    [InlineData("""{"Name":"Wrong Case"}""", "Name")]
    public async Task Patch_InvalidField_Returns422NamingTheField(string json, string field)
    {
        var (status, body) = await PatchAsync("C-000030", json);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("validation", body.Error());
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Patch_OneInvalidField_ChangesNothing()
    {
        var before = _systems.Data.CrmCustomers[40];

        var (status, _) = await PatchAsync(before.Id, """{"name":"Half Applied Ltd","segment":"Huge"}""");
        var (_, after) = await _systems.Crm.FetchAsync($"/crm/v3/customers/{before.Id}");

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(before.Name, after.GetProperty("name").GetString());
        Assert.Equal(before.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), after.GetProperty("updatedAt").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task Patch_BodyNotAJsonObject_Returns400(string json)
    {
        var (status, body) = await PatchAsync("C-000031", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", body.Error());
    }

    [Fact]
    public async Task Patch_ConcurrentPatchesOfDifferentCustomers_AllPersist()
    {
        var ids = _systems.Data.CrmCustomers.Skip(100).Take(40).Select(c => c.Id).ToList();

        await Task.WhenAll(ids.Select(id => PatchAsync(id, $$"""{"name":"Parallel {{id}}"}""")));
        var (_, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers?ids={Keys.Join(ids)}");

        Assert.All(body.GetProperty("results").EnumerateArray(), c =>
            Assert.Equal($"Parallel {c.GetProperty("id").GetString()}", c.GetProperty("name").GetString()));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PatchAsync(string id, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _systems.Crm.PatchAsync(new Uri($"/crm/v3/customers/{id}", UriKind.Relative), content);
        return (response.StatusCode, await response.ReadJsonAsync());
    }
}
