namespace CrmFederation.SampleSystems.Tests.Crm;

[Collection(SharedSystemsCollection.Name)]
public sealed class CrmCustomerByIdTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task GetById_KnownId_ReturnsTheCustomer()
    {
        var expected = _systems.Data.CrmCustomers[41];

        var (status, body) = await _systems.Crm.FetchAsync($"/crm/v3/customers/{expected.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Id, body.GetProperty("id").GetString());
        Assert.Equal(expected.Name, body.GetProperty("name").GetString());
        Assert.Equal(expected.OwnerEmail, body.GetProperty("ownerEmail").GetString());
    }

    [Theory]
    [InlineData("C-999999")]
    [InlineData("c-000001")]
    [InlineData("nonsense")]
    public async Task GetById_UnknownId_Returns404NotFound(string id)
    {
        using var response = await _systems.Crm.GetAsync(new Uri($"/crm/v3/customers/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"not_found"}""", await response.Content.ReadAsStringAsync());
    }
}
