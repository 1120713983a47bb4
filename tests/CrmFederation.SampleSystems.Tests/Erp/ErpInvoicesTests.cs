namespace CrmFederation.SampleSystems.Tests.Erp;

[Collection(SharedSystemsCollection.Name)]
public sealed class ErpInvoicesTests(SharedSystemsFixture fixture)
{
    private readonly TestSystems _systems = fixture.Systems;

    [Fact]
    public async Task Invoices_ByAccountNos_ReturnsEveryInvoiceOfThoseAccounts()
    {
        var accountNos = _systems.Data.ErpAccounts.Skip(10).Take(50).Select(a => a.AccountNo).ToList();
        var expected = _systems.Data.ErpInvoices.Where(i => accountNos.Contains(i.AccountNo)).ToDictionary(i => i.InvoiceNo);

        var (status, body) = await _systems.Erp.FetchAsync($"/erp/odata/Invoices?accountNos={Keys.Join(accountNos)}");
        var invoices = body.GetProperty("value").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), invoices.Select(i => i.GetProperty("InvoiceNo").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(invoices, invoice =>
        {
            var record = expected[invoice.GetProperty("InvoiceNo").GetString()!];
            Assert.Equal(["InvoiceNo", "AccountNo", "IssueDate", "DueDate", "Amount", "Currency", "Status"], invoice.PropertyNames());
            Assert.Equal(record.IssueDate.ToString("yyyy-MM-dd"), invoice.GetProperty("IssueDate").GetString());
            Assert.Equal(record.DueDate.ToString("yyyy-MM-dd"), invoice.GetProperty("DueDate").GetString());
            Assert.Matches(@"^[0-9]+\.[0-9]{2}$", invoice.GetProperty("Amount").GetRawText());
            Assert.Equal(record.Status, invoice.GetProperty("Status").GetString());
        });
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("Paid")]
    [InlineData("Overdue")]
    public async Task Invoices_Status_ReturnsOnlyThatStatus(string status)
    {
        var accountNos = _systems.Data.ErpAccounts.Take(50).Select(a => a.AccountNo).ToList();
        var expected = _systems.Data.ErpInvoices.Count(i => accountNos.Contains(i.AccountNo) && i.Status == status);

        var (_, body) = await _systems.Erp.FetchAsync($"/erp/odata/Invoices?accountNos={Keys.Join(accountNos)}&status={status}");

        Assert.True(expected > 0);
        Assert.Equal(expected, body.GetProperty("value").GetArrayLength());
        Assert.All(body.GetProperty("value").Strings("Status"), s => Assert.Equal(status, s));
    }

    [Fact]
    public async Task Invoices_UnknownAccounts_AreOmitted()
    {
        var account = _systems.Data.ErpAccounts[3];
        var expected = _systems.Data.ErpInvoices.Count(i => i.AccountNo == account.AccountNo);

        var (_, body) = await _systems.Erp.FetchAsync($"/erp/odata/Invoices?accountNos=999999999,{account.AccountNo},abc");

        Assert.Equal(expected, body.GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("accountNos=100001&status=open")]
    [InlineData("accountNos=100001&status=Cancelled")]
    public async Task Invoices_UnknownStatus_Returns400(string query)
    {
        var (status, body) = await _systems.Erp.FetchAsync($"/erp/odata/Invoices?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_parameter", body.Error());
    }

    [Fact]
    public async Task Invoices_51AccountNos_Returns400TooManyKeys()
    {
        var accountNos = Enumerable.Range(100_001, 51).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (status, body) = await _systems.Erp.FetchAsync($"/erp/odata/Invoices?{Keys.Repeated("accountNos", accountNos)}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("too_many_keys", body.Error());
    }
}
