using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StackExchange.Redis;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// What reaches Redis: values encrypted and authenticated (AES-GCM) with the gateway's key, so that
/// Redis holds no customer data in clear and a value the gateway did not write is never trusted;
/// and no entry lives longer than <c>Gateway:Cache:MaxTtlSeconds</c>. Read with a Redis client of
/// the test's own, byte for byte.
/// </summary>
[Collection(RedisCachingCollection.Name)]
public sealed class RedisEncryptionTests(RedisCachingFixture fixture) : IAsyncLifetime
{
    private const int Customer360Entries = 8;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.Redis.FlushAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RawRedisValues_ContainNoCustomerDataInClear()
    {
        await using var gateway = fixture.StartGateway();
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(10);
        var data = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        Assert.Equal(customer.Customer.Name, data.GetProperty("customer").GetProperty("name").GetString());

        var keys = await fixture.Redis.WaitForKeysAsync(Customer360Entries, gateway);
        var values = new List<byte[]>();
        foreach (var key in keys)
        {
            values.AddRange(await fixture.Redis.RawValuesAsync(key));
        }

        Assert.NotEmpty(values);
        var leaks = SecretsOf(customer)
            .SelectMany(secret => Spellings(secret).Select(spelling => (secret, spelling)))
            .Where(s => values.Any(value => value.AsSpan().IndexOf(s.spelling) >= 0))
            .Select(s => s.secret)
            .Distinct()
            .ToList();
        Assert.True(leaks.Count == 0, "Customer data in clear in Redis values: " + string.Join(", ", leaks));
    }

    /// <summary>
    /// Key names are not encrypted, and lookup keys include e-mail addresses (commerce) and account
    /// numbers (ERP invoices): none may appear in a Redis key name.
    /// </summary>
    [Fact]
    public async Task RedisKeyNames_ContainNoCustomerDataInClear()
    {
        await using var gateway = fixture.StartGateway();
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(11);
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        var keys = await fixture.Redis.WaitForKeysAsync(Customer360Entries, gateway);

        var names = string.Join("\n", keys.Select(k => k.ToString()));
        var leaks = SecretsOf(customer).Where(secret => names.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, $"Customer data in clear in Redis key names: {string.Join(", ", leaks)}\n{names}");
    }

    /// <summary>
    /// Hashing lookup keys is not enough when the hash is not keyed: account numbers are six digits and
    /// e-mail addresses come in lists, so whoever can read Redis recovers them by hashing every candidate
    /// (under a second here). Tries the plain constructions (candidate, and parameters + newline + candidate).
    /// </summary>
    [Fact]
    public async Task RedisKeyNames_LookupKeysCannotBeRecoveredByHashingCandidates()
    {
        await using var gateway = fixture.StartGateway();
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(17);
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        var names = string.Join("\n", await fixture.Redis.WaitForKeysAsync(Customer360Entries, gateway));

        var accountNumbers = Enumerable.Range(100_000, 900_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var emails = fixture.Customers.Data.CommerceCustomers.Select(c => c.Email);
        var recovered = accountNumbers.Concat(emails)
            .Where(candidate => names.Contains(Sha256Hex(candidate), StringComparison.Ordinal) || names.Contains(Sha256Hex("\n" + candidate), StringComparison.Ordinal))
            .ToList();

        Assert.True(recovered.Count == 0, "Lookup keys recovered from Redis key names: " + string.Join(", ", recovered));
    }

    /// <summary>
    /// A purge or webhook makes HybridCache record the tag's invalidation in Redis under a name of
    /// its own, and tags name customers and lookup keys: those names are keyed too.
    /// </summary>
    [Fact]
    public async Task RedisKeyNames_AfterAPurge_NameNoCustomerInClear()
    {
        await using var gateway = fixture.StartGateway();
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(18);
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(Customer360Entries, gateway);

        using var purged = await gateway.PurgeAsync(new { customerId = customer.Id });
        purged.EnsureSuccessStatusCode();

        var names = string.Join("\n", await fixture.Redis.WaitForKeysAsync(Customer360Entries + 1, gateway));
        Assert.DoesNotContain(customer.Id, names, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ValueWrittenWithAnotherEncryptionKey_TreatedAsMissAndFetchedAgain()
    {
        await using var writer = fixture.StartGateway();
        await using var reader = fixture.StartGateway([new("Gateway:Cache:EncryptionKey", CacheGateway.NewEncryptionKey())]);
        await fixture.WarmUpAsync(writer, reader);
        var customer = fixture.Customers.FullyLinked(12);
        await writer.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        await fixture.Redis.WaitForKeysAsync(Customer360Entries, writer);
        await fixture.ResetAsync();

        var data = await reader.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });

        Assert.Equal(customer.Account.Name, data.GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString());
        var calls = await fixture.CallsAsync();
        Assert.All(
            new[]
            {
                UpstreamCalls.CrmCustomers, UpstreamCalls.CrmContacts, UpstreamCalls.ErpAccounts, UpstreamCalls.ErpInvoices,
                UpstreamCalls.HelpdeskOrganizations, UpstreamCalls.HelpdeskTickets, UpstreamCalls.CommerceCustomers, UpstreamCalls.CommerceOrders,
            },
            route => Assert.True(calls[route] == 1, $"{route}: {calls[route]} calls, expected 1:\n{calls}"));
    }

    /// <summary>
    /// Two defences stop this today: the value is bound to its key name (AES-GCM associated data), and
    /// HybridCache's payload names its key; the first alone is checked in <see cref="EncryptingDistributedCacheTests"/>.
    /// </summary>
    [Fact]
    public async Task ValueMovedToAnotherCustomersKey_TreatedAsMissNeverServedAsThatCustomer()
    {
        await using var writer = fixture.StartGateway();
        await using var reader = fixture.StartGateway();
        await fixture.WarmUpAsync(writer, reader);
        var (a, b) = (fixture.Customers.FullyLinked(13), fixture.Customers.FullyLinked(14));
        const string Query = "query($id: ID!) { customer(id: $id) { id name } }";
        await writer.Client.DataAsync(Query, new { id = a.Id });
        var keyOfA = Assert.Single(await fixture.Redis.WaitForKeysAsync(1, writer));
        await writer.Client.DataAsync(Query, new { id = b.Id });
        var keyOfB = Assert.Single(await fixture.Redis.WaitForKeysAsync(2, writer), k => k != keyOfA);

        // Whoever can write to Redis overwrites b's entry with a's (validly encrypted) value.
        var database = await fixture.Redis.DatabaseAsync();
        var valueOfA = await database.KeyDumpAsync(keyOfA);
        await database.KeyDeleteAsync(keyOfB);
        await database.KeyRestoreAsync(keyOfB, valueOfA!, TimeSpan.FromMinutes(5));
        Assert.Equal(await RawHexAsync(keyOfA), await RawHexAsync(keyOfB));
        await fixture.ResetAsync();

        var data = await reader.Client.DataAsync(Query, new { id = b.Id });

        Assert.Equal(b.Id, data.GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal(b.Customer.Name, data.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(1, (await fixture.CallsAsync())[UpstreamCalls.CrmCustomers]);
    }

    [Fact]
    public async Task MaxTtlSeconds_EndpointAsksLonger_RedisKeyTtlCapped()
    {
        await using var gateway = fixture.StartGateway([new("Gateway:Cache:MaxTtlSeconds", "5")]);
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(15);

        // Every endpoint asks for more: ttlSeconds 30 to 300, plus maxStaleSeconds 600 to 3600.
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = customer.Id });
        var keys = await fixture.Redis.WaitForKeysAsync(Customer360Entries, gateway);

        var database = await fixture.Redis.DatabaseAsync();
        foreach (var key in keys)
        {
            var ttl = await database.KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } left && left > TimeSpan.Zero && left <= TimeSpan.FromSeconds(5), $"{key} lives {ttl?.ToString() ?? "forever"}");
        }
    }

    [Fact]
    public async Task DefaultMaxTtl_RedisKeyTtlIsTtlPlusMaxStaleCappedAtAnHour()
    {
        await using var gateway = fixture.StartGateway();
        await fixture.WarmUpAsync(gateway);
        var customer = fixture.Customers.FullyLinked(16);

        // crm.customersById: ttlSeconds 60 + maxStaleSeconds 600; erp.accountsByCrmRef: 300 + 3600, capped at 3600.
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });
        var keys = await fixture.Redis.WaitForKeysAsync(2, gateway);

        var database = await fixture.Redis.DatabaseAsync();
        var ttls = new List<TimeSpan>();
        foreach (var key in keys)
        {
            ttls.Add((await database.KeyTimeToLiveAsync(key)) ?? TimeSpan.MaxValue);
        }

        Assert.Contains(ttls, ttl => ttl > TimeSpan.FromSeconds(600) && ttl <= TimeSpan.FromSeconds(660));
        Assert.Contains(ttls, ttl => ttl > TimeSpan.FromSeconds(3540) && ttl <= TimeSpan.FromSeconds(3600));
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<IReadOnlyList<string>> RawHexAsync(RedisKey key) =>
        (await fixture.Redis.RawValuesAsync(key)).Select(Convert.ToHexString).Order(StringComparer.Ordinal).ToList();

    /// <summary>What must not be readable in Redis: the customer's name, e-mail addresses, phone, account number and names in other systems.</summary>
    private static IEnumerable<string> SecretsOf(SampleCustomers.Linked customer) =>
        new[]
        {
            customer.Customer.Name, customer.Customer.PrimaryEmail, customer.Customer.Phone, customer.Account.AccountNo,
            customer.Account.Name, customer.Account.BillingAddress.Street, customer.Organization.Name, customer.Shopper.Email,
        }
        .OfType<string>()
        .Where(s => s.Length >= 4);

    /// <summary>The UTF-8 bytes of <paramref name="text"/> as written plainly and as a JSON string writer escapes it.</summary>
    private static IEnumerable<byte[]> Spellings(string text) =>
        new[] { text, JsonSerializer.Serialize(text)[1..^1], JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() }
            .Distinct(StringComparer.Ordinal)
            .Select(Encoding.UTF8.GetBytes);
}
