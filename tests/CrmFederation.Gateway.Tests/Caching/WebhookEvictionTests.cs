using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CrmFederation.Gateway.Http;
using CrmFederation.Gateway.Tests.Configuration;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// <c>POST /webhooks/{source}</c>: a correctly signed change notice evicts the entries it names; any
/// other call is refused and evicts nothing. The sample sources declare no <c>webhookSecret</c>, so
/// these tests run on a copy of gateway-config whose erp.json and commerce.json add one.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class WebhookEvictionTests(CachingSystemsFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Pair = """
        query($a: ID!, $b: ID!) {
          a: customer(id: $a) { id name billing { legalName } invoices { number } support { name } }
          b: customer(id: $b) { id name billing { legalName } invoices { number } support { name } }
        }
        """;

    private readonly string _secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private readonly ConfigSandbox _config = ConfigSandbox.CopyOfSample()
        .Replace("sources/erp.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 5000,\n  \"webhookSecret\": { \"env\": \"CRMFED_ERP_WEBHOOK_SECRET\" },")
        .Replace("sources/commerce.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 5000,\n  \"webhookSecret\": { \"env\": \"CRMFED_COMMERCE_WEBHOOK_SECRET\" },");

    public enum Refusal
    {
        Unsigned,
        SignedWithAnotherSecret,
        SignatureOfAnotherBody,
        TimestampSixMinutesOld,
        TimestampSixMinutesAhead,
        TimestampNotANumber,
        SignatureWithoutPrefix,
    }

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task SignedKeys_CrmRefOfAnAccount_EvictsThatAccountOnly()
    {
        await using var gateway = StartGateway();
        var (a, b) = (fixture.Customers.FullyLinked(15), fixture.Customers.FullyLinked(16));
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        // erp.accountsByCrmRef is keyed by the CRM id (CrmRef).
        using var response = await gateway.WebhookAsync("erp", $$"""{"keys":["{{a.Id}}"]}""", _secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("evicted").GetInt32());
        await fixture.ResetAsync();
        using var erp = new UpstreamRecorder(fixture.Systems.ErpBaseUrl);
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        Assert.Equal("GET /erp/odata/Accounts=1", (await fixture.CallsAsync()).ToString());
        Assert.Equal(a.Id, Assert.Single(Assert.Single(erp.KeysSent("/erp/odata/Accounts", "crmRefs"))));
    }

    /// <summary>
    /// erp.invoicesByAccount is keyed by the account number, and erp.accountsByCrmRef names it as its
    /// items' identity: the ERP announcing an account by its own number evicts the account (cached by
    /// CrmRef) and its invoices, and nothing of the other customer.
    /// </summary>
    [Fact]
    public async Task SignedKeys_AccountNo_EvictsThatAccountAndItsInvoicesOnly()
    {
        await using var gateway = StartGateway();
        var (a, b) = (fixture.Customers.FullyLinked(17), fixture.Customers.FullyLinked(18));
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        using var response = await gateway.WebhookAsync("erp", $$"""{"keys":["{{a.Account.AccountNo}}"]}""", _secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.ResetAsync();
        using var erp = new UpstreamRecorder(fixture.Systems.ErpBaseUrl);
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        Assert.Equal(
            """
            GET /erp/odata/Accounts=1
            GET /erp/odata/Invoices=1
            """,
            (await fixture.CallsAsync()).ToString());
        Assert.Equal(a.Id, Assert.Single(Assert.Single(erp.KeysSent("/erp/odata/Accounts", "crmRefs"))));
        Assert.Equal(a.Account.AccountNo, Assert.Single(Assert.Single(erp.KeysSent("/erp/odata/Invoices", "accountNos"))));
    }

    [Fact]
    public async Task SignedCustomerIds_EvictsEveryEntryOfThoseCustomers_InEverySource()
    {
        await using var gateway = StartGateway();
        var (a, b) = (fixture.Customers.FullyLinked(19), fixture.Customers.FullyLinked(20));
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        using var response = await gateway.WebhookAsync("erp", $$"""{"customerIds":["{{a.Id}}"]}""", _secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.ResetAsync();
        using var crm = new UpstreamRecorder(fixture.Systems.CrmBaseUrl);
        await gateway.Client.DataAsync(Pair, new { a = a.Id, b = b.Id });

        Assert.Equal(
            """
            GET /api/v2/organizations/show_many=1
            GET /crm/v3/customers=1
            GET /erp/odata/Accounts=1
            GET /erp/odata/Invoices=1
            """,
            (await fixture.CallsAsync()).ToString());
        Assert.Equal(a.Id, Assert.Single(Assert.Single(crm.KeysSent("/crm/v3/customers", "ids"))));
    }

    /// <summary>
    /// commerce.customersByEmail matches e-mail addresses whatever their case (the binding looks the
    /// shopper up by the CRM address, lower-cased): a notice naming the address in any case evicts
    /// the entry cached for it.
    /// </summary>
    [Theory]
    [InlineData("as the shop has it")]
    [InlineData("as the CRM has it")]
    [InlineData("upper case")]
    public async Task SignedKeys_EmailInAnyCase_EvictsTheShoppersEntry(string spelling)
    {
        const string Shopper = "query($id: ID!) { customer(id: $id) { id shopper { id email } } }";
        await using var gateway = StartGateway();
        var customer = fixture.Customers.MixedCaseEmail(0);
        await gateway.Client.DataAsync(Shopper, new { id = customer.Id });

        var announced = spelling switch
        {
            "as the shop has it" => customer.Shopper.Email,
            "as the CRM has it" => customer.Customer.PrimaryEmail,
            _ => customer.Shopper.Email.ToUpperInvariant(),
        };
        using var response = await gateway.WebhookAsync("commerce", $$"""{"keys":["{{announced}}"]}""", _secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.ResetAsync();
        var data = await gateway.Client.DataAsync(Shopper, new { id = customer.Id });

        Assert.Equal(customer.Shopper.Email, data.GetProperty("customer").GetProperty("shopper").GetProperty("email").GetString());
        Assert.Equal("GET /admin/api/2025-01/customers.json=1", (await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task SameSignedCallDeliveredTwice_SecondRefused409AndNothingEvicted()
    {
        await using var gateway = StartGateway();
        var customer = fixture.Customers.FullyLinked(24);
        var body = $$"""{"customerIds":["{{customer.Id}}"]}""";
        var signedAt = DateTimeOffset.UtcNow;
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });
        using var delivered = await gateway.WebhookAsync("erp", body, _secret, signedAt);
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        using var replayed = await gateway.WebhookAsync("erp", body, _secret, signedAt);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    /// <summary>A source may well announce the same change again; signed anew, it is a new call.</summary>
    [Fact]
    public async Task SameNoticeSignedAgainLater_Accepted()
    {
        await using var gateway = StartGateway();
        var customer = fixture.Customers.FullyLinked(25);
        var body = $$"""{"keys":["{{customer.Id}}"]}""";
        var signedAt = DateTimeOffset.UtcNow;
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });
        using var delivered = await gateway.WebhookAsync("erp", body, _secret, signedAt);
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        using var again = await gateway.WebhookAsync("erp", body, _secret, signedAt.AddSeconds(1));
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("GET /erp/odata/Accounts=1", (await fixture.CallsAsync()).ToString());
    }

    [Theory]
    [InlineData(Refusal.Unsigned)]
    [InlineData(Refusal.SignedWithAnotherSecret)]
    [InlineData(Refusal.SignatureOfAnotherBody)]
    [InlineData(Refusal.TimestampSixMinutesOld)]
    [InlineData(Refusal.TimestampSixMinutesAhead)]
    [InlineData(Refusal.TimestampNotANumber)]
    [InlineData(Refusal.SignatureWithoutPrefix)]
    public async Task NotCorrectlySigned_401AndNothingEvicted(Refusal refusal)
    {
        await using var gateway = StartGateway();
        var customer = fixture.Customers.FullyLinked(21);
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });
        var body = $$"""{"keys":["{{customer.Id}}","{{customer.Account.AccountNo}}"],"customerIds":["{{customer.Id}}"]}""";

        using var response = await SendAsync(gateway, body, refusal);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    [Theory]
    [InlineData("crm")]
    [InlineData("helpdesk")]
    [InlineData("nope")]
    [InlineData("ERP")]
    public async Task SourceUnknownOrWithoutWebhookSecret_404EvenWhenSigned(string source)
    {
        await using var gateway = StartGateway();
        var customer = fixture.Customers.FullyLinked(22);
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        using var response = await gateway.WebhookAsync(source, $$"""{"customerIds":["{{customer.Id}}"]}""", _secret);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task SampleConfig_NoSourceDeclaresAWebhookSecret_404()
    {
        await using var gateway = fixture.StartGateway([new("CRMFED_ERP_WEBHOOK_SECRET", _secret)]);

        using var response = await gateway.WebhookAsync("erp", """{"customerIds":["C-000001"]}""", _secret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"other":["C-000001"]}""")]
    public async Task SignedButNotAChangeNotice_400(string body)
    {
        await using var gateway = StartGateway();

        using var response = await gateway.WebhookAsync("erp", body, _secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BodyOver64KiB_413AndNothingEvicted()
    {
        await using var gateway = StartGateway();
        var customer = fixture.Customers.FullyLinked(23);
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });
        var padding = string.Join(",", Enumerable.Repeat("\"x\"", 30_000));
        var body = $$"""{"customerIds":["{{customer.Id}}"],"keys":[{{padding}}]}""";

        using var response = await gateway.WebhookAsync("erp", body, _secret);
        await fixture.ResetAsync();
        await gateway.Client.DataAsync(Pair, new { a = customer.Id, b = customer.Id });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    private CacheGateway StartGateway() =>
        fixture.StartGateway([new("CRMFED_ERP_WEBHOOK_SECRET", _secret), new("CRMFED_COMMERCE_WEBHOOK_SECRET", _secret)], configPath: _config.Directory);

    private Task<HttpResponseMessage> SendAsync(CacheGateway gateway, string body, Refusal refusal)
    {
        var now = DateTimeOffset.UtcNow;
        return refusal switch
        {
            Refusal.Unsigned => gateway.WebhookAsync("erp", body, secret: null),
            Refusal.SignedWithAnotherSecret => gateway.WebhookAsync("erp", body, _secret + "0"),
            Refusal.SignatureOfAnotherBody => gateway.WebhookAsync("erp", body, _secret,
                signature: SourceWebhook.Sign(_secret, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"keys\":[]}"u8)),
            Refusal.TimestampSixMinutesOld => gateway.WebhookAsync("erp", body, _secret, now.AddMinutes(-6)),
            Refusal.TimestampSixMinutesAhead => gateway.WebhookAsync("erp", body, _secret, now.AddMinutes(6)),
            Refusal.TimestampNotANumber => SendRawAsync(gateway, body, "soon", SourceWebhook.Sign(_secret, "soon", System.Text.Encoding.UTF8.GetBytes(body))),
            Refusal.SignatureWithoutPrefix => SendRawAsync(gateway, body, Seconds(now),
                SourceWebhook.Sign(_secret, Seconds(now), System.Text.Encoding.UTF8.GetBytes(body))["sha256=".Length..]),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
    }

    private static async Task<HttpResponseMessage> SendRawAsync(CacheGateway gateway, string body, string timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/erp") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(SourceWebhook.TimestampHeader, timestamp);
        request.Headers.Add(SourceWebhook.SignatureHeader, signature);
        return await gateway.Http.SendAsync(request);
    }

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
