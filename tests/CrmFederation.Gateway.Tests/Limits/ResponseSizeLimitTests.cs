using System.Net;
using CrmFederation.Gateway.Tests.Configuration;
using static CrmFederation.Gateway.Tests.TestSupport.SandboxGateway;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>
/// maxResponseBytes on the real gateway: a result larger than the caller's limit is dropped while it is
/// written and one small error sent instead; the caller's role may raise the limit. The queries ask for
/// introspection only (a few kilobytes), so no source is called.
/// </summary>
public sealed class ResponseSizeLimitTests
{
    private const string Types = "{ __schema { types { name fields { name } } } }";

    [Fact]
    public async Task Post_ResultOverTheLimit_IsReplacedByOneSmallError()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("gateway.json", "\"maxResponseBytes\": 8388608", "\"maxResponseBytes\": 2048");
        await using var gateway = Start(sandbox);

        var response = await PostQueryAsync(gateway, Types);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.HasData);
        Assert.True(response.Text.Length < 512, response.Text);
        Assert.Equal("RESPONSE_TOO_LARGE", response.FirstErrorCode);
        Assert.Equal(2048, response.Errors[0].GetProperty("extensions").GetProperty("maxResponseBytes").GetInt32());
        Assert.StartsWith("The response is larger than the 2048 bytes this endpoint sends", response.Errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ResultWithinTheLimit_IsSentWhole()
    {
        using var sample = ConfigSandbox.CopyOfSample();
        await using var gateway = Start(sample);

        var response = await PostQueryAsync(gateway, Types);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Text.Length > 2048);
        Assert.Contains(response.Data.GetProperty("__schema").GetProperty("types").EnumerateArray(), type => type.GetProperty("name").GetString() == "Customer");
    }

    [Fact]
    public async Task Post_CallerWhoseRoleRaisesTheLimit_GetsTheWholeResult()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", "\"maxResponseBytes\": 8388608", "\"maxResponseBytes\": 2048")
            .Replace("gateway.json", "\"maxResponseBytes\": 33554432", "\"maxResponseBytes\": 65536");
        // Demo mode lets the analyst introspect, which the large answer here comes from.
        await using var gateway = Start(sandbox, new KeyValuePair<string, string?>("Gateway:Demo", "true"));
        using var analyst = TestSupport.DemoCallers.Authenticate(gateway.CreateClient(), Gateway.Host.DemoApiKeys.Analyst);

        var asAnalyst = await PostBodyAsync(gateway, System.Text.Json.JsonSerializer.Serialize(new { query = Types }), analyst);
        var asAdmin = await PostQueryAsync(gateway, Types);

        Assert.True(asAnalyst.HasData, asAnalyst.Text);
        Assert.Equal("RESPONSE_TOO_LARGE", asAdmin.FirstErrorCode);
    }
}
