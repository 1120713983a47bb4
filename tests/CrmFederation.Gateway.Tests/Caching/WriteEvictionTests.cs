namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// A write through one gateway instance evicts the customer's entries on every instance sharing the
/// Redis: the other instance, which had the customer cached, calls the sources again and shows the
/// written values. The customers written here (index 35 and up) are used by no other test of the collection.
/// </summary>
[Collection(RedisCachingCollection.Name)]
public sealed class WriteEvictionTests(RedisCachingFixture fixture) : IAsyncLifetime
{
    private const string Update = """
        mutation($id: ID!, $input: UpdateCustomerInput!) {
          updateCustomer(id: $id, input: $input) { customer { name billing { paymentTerms } } errors { field code } }
        }
        """;

    private const string Read = "query($id: ID!) { customer(id: $id) { id name billing { accountNumber paymentTerms } } }";

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.Redis.FlushAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteOnOneInstance_OtherInstanceShowsTheWrittenValues()
    {
        await using var writer = fixture.StartGateway();
        await using var reader = fixture.StartGateway();
        await fixture.WarmUpAsync(writer, reader);
        var customer = fixture.Customers.FullyLinked(35);
        var terms = customer.Account.PaymentTerms == "NET60" ? "NET15" : "NET60";
        await reader.Client.DataAsync(Read, new { id = customer.Id });
        await fixture.ResetAsync();
        await reader.Client.DataAsync(Read, new { id = customer.Id });
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());

        var written = await writer.Client.DataAsync(Update, new { id = customer.Id, input = new { name = "Evicted Everywhere", paymentTerms = terms } });

        Assert.Empty(written.GetProperty("updateCustomer").GetProperty("errors").EnumerateArray());
        using var guard = new CancellationTokenSource(RedisKeys.HangGuard);
        while (true)
        {
            var seen = (await reader.Client.DataAsync(Read, new { id = customer.Id })).GetProperty("customer");
            if (seen.GetProperty("name").GetString() == "Evicted Everywhere" && seen.GetProperty("billing").GetProperty("paymentTerms").GetString() == terms)
            {
                break;
            }

            Assert.False(guard.IsCancellationRequested, $"The other instance still served the customer as cached before the write. Its log:\n{reader.Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>The client retries through another instance behind the load balancer: the outcome kept in Redis answers it.</summary>
    [Fact]
    public async Task SameIdempotencyKeyOnTwoInstances_OnePatch_SameOutcome()
    {
        await using var first = fixture.StartGateway();
        await using var second = fixture.StartGateway();
        await fixture.WarmUpAsync(first, second);
        var customer = fixture.Customers.FullyLinked(36);
        var variables = new { id = customer.Id, input = new { name = "Kept In Redis" } };
        var key = Guid.NewGuid().ToString();

        var once = await MutateAsync(first, variables, key);
        var again = await MutateAsync(second, variables, key);

        Assert.Equal(1, (await fixture.CallsAsync())["PATCH /crm/v3/customers/{id}"]);
        Assert.Equal(once.GetProperty("errors").GetRawText(), again.GetProperty("errors").GetRawText());
        Assert.Equal("Kept In Redis", again.GetProperty("customer").GetProperty("name").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> MutateAsync(CacheGateway gateway, object variables, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = Update, variables }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("updateCustomer").Clone();
    }
}
