namespace CrmFederation.SampleSystems.Tests.Commerce;

[Collection(SharedSystemsCollection.Name)]
public sealed class CommerceCustomersTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Customers_ByLowerCaseEmails_ReturnsTheShoppers()
    {
        var shoppers = _systems.Data.CommerceCustomers.Take(50).ToDictionary(c => c.Email);

        var (status, body) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/customers.json?emails={Keys.Join(shoppers.Keys)}");
        var customers = body.GetProperty("customers").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(shoppers.Keys.Order(StringComparer.Ordinal), customers.Select(c => c.GetProperty("email").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(customers, customer =>
        {
            var record = shoppers[customer.GetProperty("email").GetString()!];
            Assert.Equal(["id", "email", "first_name", "last_name", "orders_count", "total_spent", "currency", "created_at"], customer.PropertyNames());
            Assert.Equal(record.Id, customer.GetProperty("id").GetInt64());
            Assert.Equal(JsonValueKind.String, customer.GetProperty("total_spent").ValueKind);
            Assert.Matches(@"^[0-9]+\.[0-9]{2}$", customer.GetProperty("total_spent").GetString());
            Assert.Matches(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}-0[45]:00$", customer.GetProperty("created_at").GetString());
            Assert.Equal(record.CreatedAt, DateTimeOffset.Parse(customer.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public async Task Customers_CrmEmailInItsOwnCase_MatchesOnlyOnceLowerCased()
    {
        var crmEmail = _systems.Data.CrmCustomers
            .Select(c => c.PrimaryEmail)
            .First(e => e is not null && e.Any(char.IsUpper) && _systems.Data.CommerceCustomers.Any(s => string.Equals(s.Email, e, StringComparison.OrdinalIgnoreCase)))!;

        var (_, asTyped) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/customers.json?emails={Uri.EscapeDataString(crmEmail)}");
        var (_, lowered) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/customers.json?emails={Uri.EscapeDataString(crmEmail.ToLowerInvariant())}");

        Assert.Equal(0, asTyped.GetProperty("customers").GetArrayLength());
        Assert.Equal(crmEmail.ToLowerInvariant(), lowered.GetProperty("customers")[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task Customers_RepeatedParameterAndUnknownEmails_MatchTheCommaForm()
    {
        var emails = _systems.Data.CommerceCustomers.Take(4).Select(c => c.Email).ToArray();

        var (_, repeated) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/customers.json?{Keys.Repeated("emails", [.. emails, "nobody@nowhere.example"])}");

        Assert.Equal(emails.Order(StringComparer.Ordinal), repeated.GetProperty("customers").Strings("email").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Customers_51Emails_Returns400TooManyKeys()
    {
        var emails = Enumerable.Range(0, 51).Select(i => $"shopper{i}@example.com");

        var (status, body) = await _systems.Commerce.FetchAsync($"/admin/api/2025-01/customers.json?emails={Keys.Join(emails)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Commerce_MissingOrWrongAccessToken_Returns401(string? token)
    {
        foreach (var path in new[] { "/admin/api/2025-01/customers.json?emails=a@b.com", "/admin/api/2025-01/orders.json?customer_ids=7000001" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_systems.Running.CommerceBaseUrl, path));
            if (token is not null)
            {
                request.Headers.Add("X-Shopify-Access-Token", token);
            }

            using var response = await _systems.Anonymous.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", (await response.ReadJsonAsync()).Error());
        }
    }
}
