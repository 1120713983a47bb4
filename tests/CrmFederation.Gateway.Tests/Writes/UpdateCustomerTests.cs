using System.Text.Json;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.Writes;

/// <summary>
/// <c>updateCustomer</c> against the sample systems' PATCH endpoints: each field goes to the system that
/// owns it, one PATCH per system, counted by the systems themselves; a refusal by one system leaves the
/// other's change standing and names the field; invalid or forbidden values send nothing. Each test
/// writes to customers of its own.
/// </summary>
[Collection(WriteSystemsCollection.Name)]
public sealed class UpdateCustomerTests(WriteSystemsFixture fixture) : IAsyncLifetime
{
    public const string CrmPatch = "PATCH /crm/v3/customers/{id}";
    public const string ErpPatch = "PATCH /erp/odata/Accounts/{AccountNo}";

    public const string Update = """
        mutation($id: ID!, $input: UpdateCustomerInput!) {
          updateCustomer(id: $id, input: $input) {
            customer { id name phone segment billing { paymentTerms billingAddress { street city country } } }
            errors { field source code message }
          }
        }
        """;

    /// <summary>What every role may read back: no personal data, no finance.</summary>
    private const string UpdateProfile = """
        mutation($id: ID!, $input: UpdateCustomerInput!) {
          updateCustomer(id: $id, input: $input) { customer { id name } errors { field source code message } }
        }
        """;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UpdateCustomer_CrmFields_OnePatchToTheCrm_PayloadShowsTheWrittenValues()
    {
        var customer = fixture.Customers.FullyLinked(0);

        var payload = await UpdateAsync(customer.Id, new { name = "Renamed Ltd", phone = "+49 30 1234567", segment = "MID_MARKET" });

        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        var written = payload.GetProperty("customer");
        Assert.Equal("Renamed Ltd", written.GetProperty("name").GetString());
        Assert.Equal("+49 30 1234567", written.GetProperty("phone").GetString());
        Assert.Equal("MID_MARKET", written.GetProperty("segment").GetString());
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls.GetValueOrDefault(CrmPatch));
        Assert.False(calls.ContainsKey(ErpPatch), string.Join(", ", calls));
        var stored = await fixture.CrmCustomerAsync(customer.Id);
        Assert.Equal("MidMarket", stored.GetProperty("segment").GetString());
        Assert.Equal("Renamed Ltd", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task UpdateCustomer_BillingFields_OnePatchToTheErpAccountFoundByCrmRef()
    {
        var customer = fixture.Customers.FullyLinked(1);
        var terms = customer.Account.PaymentTerms == "NET60" ? "NET15" : "NET60";

        var payload = await UpdateAsync(customer.Id, new { paymentTerms = terms, billingAddress = new { city = "Leipzig" } });

        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        var billing = payload.GetProperty("customer").GetProperty("billing");
        Assert.Equal(terms, billing.GetProperty("paymentTerms").GetString());
        Assert.Equal("Leipzig", billing.GetProperty("billingAddress").GetProperty("city").GetString());
        Assert.Equal(customer.Account.BillingAddress.Street, billing.GetProperty("billingAddress").GetProperty("street").GetString());
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls.GetValueOrDefault(ErpPatch));
        Assert.False(calls.ContainsKey(CrmPatch), string.Join(", ", calls));
    }

    [Fact]
    public async Task UpdateCustomer_FieldsOfBothOwners_OnePatchEach()
    {
        var customer = fixture.Customers.FullyLinked(2);

        var payload = await UpdateAsync(customer.Id, new { name = "Both Systems GmbH", billingAddress = new { street = "Hauptstrasse 1" } });

        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("Both Systems GmbH", payload.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("Hauptstrasse 1", payload.GetProperty("customer").GetProperty("billing").GetProperty("billingAddress").GetProperty("street").GetString());
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls.GetValueOrDefault(CrmPatch));
        Assert.Equal(1, calls.GetValueOrDefault(ErpPatch));
    }

    /// <summary>The ERP wants a country code in capitals; the gateway's rules do not check that, so the ERP's 422 decides.</summary>
    [Fact]
    public async Task UpdateCustomer_ErpRefusesOneValue_CrmChangeStands_ErrorNamesTheInputField()
    {
        var customer = fixture.Customers.FullyLinked(3);

        var payload = await UpdateAsync(customer.Id, new { name = "Half Applied AG", paymentTerms = "NET30", billingAddress = new { country = "de" } });

        var errors = payload.GetProperty("errors").EnumerateArray().ToList();
        var rejected = Assert.Single(errors, e => e.GetProperty("code").GetString() == "REJECTED");
        Assert.Equal("billingAddress.country", rejected.GetProperty("field").GetString());
        Assert.Equal("erp", rejected.GetProperty("source").GetString());
        var notApplied = Assert.Single(errors, e => e.GetProperty("code").GetString() == "NOT_APPLIED");
        Assert.Equal("paymentTerms", notApplied.GetProperty("field").GetString());
        Assert.Equal(2, errors.Count);
        Assert.Equal("Half Applied AG", payload.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(customer.Account.BillingAddress.Country, payload.GetProperty("customer").GetProperty("billing").GetProperty("billingAddress").GetProperty("country").GetString());
        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls.GetValueOrDefault(CrmPatch));
        Assert.Equal(1, calls.GetValueOrDefault(ErpPatch));
    }

    [Fact]
    public async Task UpdateCustomer_InvalidValues_ErrorsOnTheFields_NothingSent()
    {
        var customer = fixture.Customers.FullyLinked(4);

        var payload = await UpdateAsync(customer.Id, new { name = "Valid Name", primaryEmail = "not an e-mail", phone = new string('1', 41), paymentTerms = "NET45" });

        var errors = payload.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString());
        Assert.Equal("INVALID_VALUE", errors["primaryEmail"]);
        Assert.Equal("INVALID_VALUE", errors["phone"]);
        Assert.Equal("INVALID_VALUE", errors["paymentTerms"]);
        Assert.Equal("NOT_APPLIED", errors["name"]);
        Assert.Equal(customer.Customer.Name, payload.GetProperty("customer").GetProperty("name").GetString());
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task UpdateCustomer_AgentWritesBilling_ForbiddenOnThatField_NothingSent()
    {
        var customer = fixture.Customers.FullyLinked(5);

        var payload = await UpdateAsync(customer.Id, new { name = "Agent Was Here", paymentTerms = "NET15" }, DemoApiKeys.Agent, UpdateProfile);

        var errors = payload.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString());
        Assert.Equal("FORBIDDEN", errors["paymentTerms"]);
        Assert.Equal("NOT_APPLIED", errors["name"]);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task UpdateCustomer_AgentWritesContactFields_Applied()
    {
        var customer = fixture.Customers.FullyLinked(6);

        const string UpdatePhone = "mutation($id: ID!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, input: $input) { customer { phone } errors { code } } }";

        var payload = await UpdateAsync(customer.Id, new { phone = "+33 1 23 45 67 89" }, DemoApiKeys.Agent, UpdatePhone);

        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("+33 1 23 45 67 89", payload.GetProperty("customer").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task UpdateCustomer_Analyst_EveryFieldForbidden()
    {
        var customer = fixture.Customers.FullyLinked(7);

        var payload = await UpdateAsync(customer.Id, new { name = "Analyst Was Here" }, DemoApiKeys.Analyst, UpdateProfile);

        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("FORBIDDEN", error.GetProperty("code").GetString());
        Assert.Contains("write:contact", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task UpdateCustomer_ProspectWithoutErpAccount_BillingNotFound_NothingSent()
    {
        var prospect = fixture.Customers.Prospect(0);

        var payload = await UpdateAsync(prospect.Id, new { name = "Prospect Renamed", paymentTerms = "NET30" });

        var errors = payload.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString());
        Assert.Equal("NOT_FOUND", errors["paymentTerms"]);
        Assert.Equal("NOT_APPLIED", errors["name"]);
        await AssertNothingSentAsync();
    }

    [Fact]
    public async Task UpdateCustomer_UnknownId_NotFound_NothingSent()
    {
        var result = await fixture.MutateAsync(Update, new { id = "C-999999", input = new { name = "Nobody" } });

        var payload = result.GetProperty("data").GetProperty("updateCustomer");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("customer").ValueKind);
        var errors = payload.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("code").GetString());
        Assert.Equal("NOT_FOUND", errors["id"]);
        await AssertNothingSentAsync();
    }

    /// <summary>The gateway caches the customer on the first read; the write evicts it, so the next query shows the new value.</summary>
    [Fact]
    public async Task UpdateCustomer_CachedCustomer_NextQueryShowsTheWrittenValue()
    {
        var customer = fixture.Customers.FullyLinked(8);
        const string Read = "query($id: ID!) { customer(id: $id) { name } }";
        await fixture.Client.DataAsync(Read, new { id = customer.Id });

        await UpdateAsync(customer.Id, new { name = "Fresh After Write" });
        var after = await fixture.Client.DataAsync(Read, new { id = customer.Id });

        Assert.Equal("Fresh After Write", after.GetProperty("customer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UpdateCustomer_SameIdempotencyKeyTwice_OnePatch_SameOutcome()
    {
        var customer = fixture.Customers.FullyLinked(9);
        var key = Guid.NewGuid().ToString();
        var input = new { name = "Once Only", billingAddress = new { country = "xx" } };

        var first = await fixture.MutateAsync(Update, new { id = customer.Id, input }, idempotencyKey: key);
        var second = await fixture.MutateAsync(Update, new { id = customer.Id, input }, idempotencyKey: key);

        var calls = await fixture.CallsAsync();
        Assert.Equal(1, calls.GetValueOrDefault(CrmPatch));
        Assert.Equal(1, calls.GetValueOrDefault(ErpPatch));
        Assert.Equal(Errors(first).GetRawText(), Errors(second).GetRawText());
        Assert.Equal("REJECTED", Errors(second)[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task UpdateCustomer_SameIdempotencyKeyOtherInput_RefusedWithoutSending()
    {
        var customer = fixture.Customers.FullyLinked(10);
        var key = Guid.NewGuid().ToString();
        await fixture.MutateAsync(Update, new { id = customer.Id, input = new { name = "First Request" } }, idempotencyKey: key);
        await fixture.ResetAsync();

        var other = await fixture.MutateAsync(Update, new { id = customer.Id, input = new { name = "Second Request" } }, idempotencyKey: key);

        var error = Assert.Single(other.GetProperty("errors").EnumerateArray());
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error.GetProperty("extensions").GetProperty("code").GetString());
        await AssertNothingSentAsync();
    }

    /// <summary>The CRM answers slowly, so the duplicate arrives while the first request is still writing, and waits for its outcome.</summary>
    [Fact]
    public async Task UpdateCustomer_ConcurrentDuplicates_OnePatch()
    {
        var customer = fixture.Customers.FullyLinked(11);
        var key = Guid.NewGuid().ToString();
        var variables = new { id = customer.Id, input = new { name = "Concurrent Once" } };
        await fixture.SetFaultsAsync(fixture.Systems.CrmBaseUrl, new { latencyMs = 300 });

        var both = await Task.WhenAll(
            fixture.MutateAsync(Update, variables, idempotencyKey: key),
            fixture.MutateAsync(Update, variables, idempotencyKey: key));

        Assert.Equal(1, (await fixture.CallsAsync()).GetValueOrDefault(CrmPatch));
        Assert.All(both, result => Assert.Empty(Errors(result).EnumerateArray()));
    }

    [Fact]
    public async Task UpdateCustomer_OverGet_Refused()
    {
        using var http = fixture.CreateClient(DemoApiKeys.Admin);
        var query = Uri.EscapeDataString("mutation { updateCustomer(id: \"C-000001\", input: { name: \"Get\" }) { errors { code } } }");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + query);
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await AssertNothingSentAsync();
    }

    private async Task AssertNothingSentAsync() =>
        Assert.DoesNotContain((await fixture.CallsAsync()).Keys, route => route.StartsWith("PATCH", StringComparison.Ordinal));

    private static JsonElement Errors(JsonElement result) => result.GetProperty("data").GetProperty("updateCustomer").GetProperty("errors");

    private async Task<JsonElement> UpdateAsync(string id, object input, string apiKey = DemoApiKeys.Admin, string query = Update)
    {
        var result = await fixture.MutateAsync(query, new { id, input }, apiKey);
        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected GraphQL errors: " + errors);
        return result.GetProperty("data").GetProperty("updateCustomer");
    }
}
