using System.Text.Json;
using CrmFederation.Gateway.Tests.Caching;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>A config with errors is rejected whole: the last good one keeps serving, and the response, the status, the log and the metric report every error.</summary>
[Collection(CachingCollection.Name)]
public sealed class RejectedReloadTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Reload_ErrorsInTwoFiles_KeepsServingAndReportsEveryError()
    {
        using var config = ConfigSandbox.CopyOfSample();
        await using var gateway = new ReloadGateway(fixture, config);
        var version = (await gateway.StatusAsync()).GetProperty("version").GetString();
        config.Replace("sources/helpdesk.json", "\"maxBatchSize\": 100,", "\"maxBatchSize\": 0,");
        config.Replace("sources/erp.json", "\"path\": \"/erp/odata/Invoices\",", "\"path\": \"erp/odata/Invoices\",");
        var helpdeskLine = config.LineOf("sources/helpdesk.json", "\"maxBatchSize\": 0,");
        var erpLine = config.LineOf("sources/erp.json", "\"path\": \"erp/odata/Invoices\",");

        var reload = await gateway.ReloadAsync();
        var customer = fixture.Customers.FullyLinked(80);
        var data = await gateway.Client.DataAsync("query($id: ID!) { customer(id: $id) { name invoices { number } } }", new { id = customer.Id });
        var status = await gateway.StatusAsync();

        Assert.Equal("rejected", reload.GetProperty("outcome").GetString());
        Assert.Equal(version, reload.GetProperty("version").GetString());
        Assert.Equal(
            [$"sources/erp.json:{erpLine} $.endpoints.invoicesByAccount.path", $"sources/helpdesk.json:{helpdeskLine} $.maxBatchSize"],
            Located(reload.GetProperty("errors")));
        Assert.Equal(customer.Customer.Name, data.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(version, status.GetProperty("version").GetString());
        var last = status.GetProperty("lastReload");
        Assert.Equal("rejected", last.GetProperty("outcome").GetString());
        Assert.Equal(Located(reload.GetProperty("errors")), Located(last.GetProperty("errors")));
        var counted = Assert.Single(gateway.Reloads.GetMeasurementSnapshot());
        Assert.Equal("rejected", counted.Tags["outcome"]);
        var warnings = gateway.LogEntries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, message => message.Contains($"sources/erp.json:{erpLine}", StringComparison.Ordinal));
        Assert.Contains(warnings, message => message.Contains($"sources/helpdesk.json:{helpdeskLine}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reload_ErrorFixedAgain_AppliesTheFixedConfig()
    {
        using var config = ConfigSandbox.CopyOfSample();
        await using var gateway = new ReloadGateway(fixture, config);
        config.Replace("sources/helpdesk.json", "\"maxBatchSize\": 100,", "\"maxBatchSize\": 0,");
        var rejected = await gateway.ReloadAsync();

        config.Replace("sources/helpdesk.json", "\"maxBatchSize\": 0,", "\"maxBatchSize\": 80,");
        var applied = await gateway.ReloadAsync();

        Assert.Equal("rejected", rejected.GetProperty("outcome").GetString());
        Assert.Equal("applied", applied.GetProperty("outcome").GetString());
        Assert.Empty(applied.GetProperty("errors").EnumerateArray());
        Assert.Equal(["rejected", "applied"], gateway.Reloads.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
    }

    private static List<string> Located(JsonElement errors) =>
        errors.EnumerateArray()
            .Select(e => $"{e.GetProperty("file").GetString()}:{e.GetProperty("line")} {e.GetProperty("path").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
