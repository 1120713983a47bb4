using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Diagnostics of <c>gateway.json</c>: each limit outside what the gateway can honour, pointed at its line.</summary>
public sealed class SettingsDiagnosticsTests
{
    [Theory]
    [InlineData("maxQueryDepth", "15", "0", "The query depth limit 0 is out of range.", "Use 1 to 100 levels")]
    [InlineData("maxQueryDepth", "15", "101", "The query depth limit 101 is out of range.", "Use 1 to 100 levels")]
    [InlineData("maxFieldCount", "1000", "0", "The field count limit 0 is out of range.", "Use 1 to 100000 fields")]
    [InlineData("maxFieldCount", "1000", "100001", "The field count limit 100001 is out of range.", "Use 1 to 100000 fields")]
    [InlineData("maxRequestBodyBytes", "1048576", "1023", "The request body limit 1023 bytes is out of range.", "Use 1024 (1 KiB) to 67108864 (64 MiB) bytes")]
    [InlineData("maxRequestBodyBytes", "1048576", "67108865", "The request body limit 67108865 bytes is out of range.", "Use 1024 (1 KiB) to 67108864 (64 MiB) bytes")]
    [InlineData("maxScanRows", "10000", "0", "The scan limit 0 rows is out of range.", "Use 1 to 1000000 source rows")]
    [InlineData("maxScanRows", "10000", "1000001", "The scan limit 1000001 rows is out of range.", "Use 1 to 1000000 source rows")]
    [InlineData("maxUpstreamCalls", "50", "0", "The upstream call limit 0 is out of range.", "Use 1 to 100000 calls")]
    [InlineData("maxResultItems", "50000", "100000001", "The result item limit 100000001 is out of range.", "Use 1 to 100000000 values")]
    [InlineData("maxResponseBytes", "8388608", "1023", "The response size limit 1023 bytes is out of range.", "Use 1024 (1 KiB) to 1073741824 (1 GiB) bytes")]
    [InlineData("maxSourceAnswerBytes", "16777216", "1023", "The source answer limit 1023 bytes is out of range.", "Use 1024 (1 KiB) to 1073741824 (1 GiB) bytes")]
    [InlineData("maxSourceAnswerBytes", "16777216", "1073741825", "The source answer limit 1073741825 bytes is out of range.", "Use 1024 (1 KiB) to 1073741824 (1 GiB) bytes")]
    public void TryCompile_LimitOutOfRange_ReportsItAtItsLineWithTheRange(string limit, string sampleValue, string value, string message, string hint)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", $"\"{limit}\": {sampleValue}", $"\"{limit}\": {value}");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "gateway.json", sandbox.LineOf("gateway.json", $"\"{limit}\": {value}"), message, "$.limits." + limit);
        Assert.StartsWith(hint, diagnostic.Hint, StringComparison.Ordinal);
        Assert.Single(diagnostics);
    }

    [Fact]
    public void TryCompile_DepthLimitZero_PrintsFileLinePathAndHint()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", "\"maxQueryDepth\": 15", "\"maxQueryDepth\": 0");

        var (_, diagnostics) = sandbox.Compile();

        Assert.Equal(
            $"error: gateway.json:{sandbox.LineOf("gateway.json", "maxQueryDepth")} ($.limits.maxQueryDepth): The query depth limit 0 is out of range. " +
            "Hint: Use 1 to 100 levels (default 15); { customer { billing { legalName } } } is 3 levels deep.",
            Assert.Single(diagnostics).ToString());
    }

    [Fact]
    public void TryCompile_LimitsAtTheEdgesOfTheirRanges_Compile()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", "\"maxQueryDepth\": 15", "\"maxQueryDepth\": 100")
            .Replace("gateway.json", "\"maxFieldCount\": 1000", "\"maxFieldCount\": 1")
            .Replace("gateway.json", "\"maxRequestBodyBytes\": 1048576", "\"maxRequestBodyBytes\": 1024")
            .Replace("gateway.json", "\"maxUpstreamCalls\": 50", "\"maxUpstreamCalls\": 100000")
            .Replace("gateway.json", "\"maxResultItems\": 50000", "\"maxResultItems\": 1")
            .Replace("gateway.json", "\"maxResponseBytes\": 8388608", "\"maxResponseBytes\": 1073741824");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        var limits = snapshot!.Settings.Limits;
        Assert.Equal(
            new LimitsConfig
            {
                MaxQueryDepth = 100, MaxFieldCount = 1, MaxRequestBodyBytes = 1024, MaxUpstreamCalls = 100_000, MaxResultItems = 1, MaxResponseBytes = 1024 * 1024 * 1024,
                ByRole = limits.ByRole,
            },
            limits);
        Assert.Equal(new RoleLimitsConfig { MaxResultItems = 200_000, MaxResponseBytes = 32 * 1024 * 1024, MaxPageSize = 500, MaxUpstreamCalls = 200 },
            Assert.Single(limits.ByRole, r => r.Key == "analyst").Value);
    }

    [Fact]
    public void TryCompile_RoleLimitsForAnUnknownRole_ReportsItWithTheKnownRoles()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", "\"analyst\": {", "\"analysts\": {");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "gateway.json", sandbox.LineOf("gateway.json", "\"analysts\""),
            "Unknown role 'analysts': access.json does not declare it, so no caller could have it.", "$.limits.byRole.analysts");
        Assert.Equal("Known roles: account-rep, admin, agent, analyst, frontend, regional-agent.", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_RoleLimitOutOfRange_ReportsItUnderTheRole()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", "\"maxResultItems\": 200000", "\"maxResultItems\": 0");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "gateway.json", sandbox.LineOf("gateway.json", "\"analyst\""),
            "The result item limit 0 is out of range.", "$.limits.byRole.analyst.maxResultItems");
    }

    [Fact]
    public void TryCompile_NoGatewayJson_UsesTheDefaultLimits()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();
        File.Delete(Path.Combine(sandbox.Directory, "gateway.json"));

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.Equal(new LimitsConfig { MaxQueryDepth = 15, MaxFieldCount = 1000, MaxRequestBodyBytes = 1024 * 1024 }, snapshot!.Settings.Limits);
    }
}
