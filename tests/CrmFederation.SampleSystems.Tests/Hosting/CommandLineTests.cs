using System.Collections;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems.Tests.Hosting;

public sealed class CommandLineTests
{
    private static readonly Hashtable NoEnvironment = [];

    [Fact]
    public void TryParse_EveryFlag_SetsItsOption()
    {
        var options = CommandLine.TryParse(
            [
                "--crm-port", "8101", "--erp-port", "8102", "--helpdesk-port", "8103", "--commerce-port", "8104",
                "--seed", "7", "--customers", "500", "--latency-ms", "20", "--jitter-ms", "5",
                "--crm-token-lifetime-seconds", "60", "--helpdesk-rate-limit", "2.5", "--bind", "0.0.0.0",
            ],
            NoEnvironment,
            out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal((8101, 8102, 8103, 8104), (options.CrmPort, options.ErpPort, options.HelpdeskPort, options.CommercePort));
        Assert.Equal((7, 500, 20, 5), (options.Seed, options.CustomerCount, options.LatencyMs, options.JitterMs));
        Assert.Equal(TimeSpan.FromSeconds(60), options.CrmTokenLifetime);
        Assert.Equal(2.5, options.HelpdeskRateLimitPerSecond);
        Assert.Equal("0.0.0.0", options.BindAddress);
    }

    [Fact]
    public void TryParse_NoArguments_GivesTheDefaults()
    {
        var options = CommandLine.TryParse([], NoEnvironment, out var error);

        Assert.Null(error);
        Assert.Equal(7101, options!.CrmPort);
        Assert.Equal(10_000, options.CustomerCount);
    }

    [Fact]
    public void TryParse_EqualsForm_IsAccepted()
    {
        var options = CommandLine.TryParse(["--latency-ms=15", "--customers=20"], NoEnvironment, out _);

        Assert.Equal(15, options!.LatencyMs);
        Assert.Equal(20, options.CustomerCount);
    }

    [Fact]
    public void TryParse_EnvironmentVariables_ApplyAndFlagsWin()
    {
        var environment = new Hashtable { ["SAMPLESYSTEMS_SEED"] = "9", ["SAMPLESYSTEMS_LATENCY_MS"] = "40" };

        var options = CommandLine.TryParse(["--latency-ms", "10"], environment, out _);

        Assert.Equal(9, options!.Seed);
        Assert.Equal(10, options.LatencyMs);
    }

    [Theory]
    [InlineData("--crm-prot", "7101")]
    [InlineData("--crm-port", "70000")]
    [InlineData("--customers", "0")]
    [InlineData("--latency-ms", "fast")]
    [InlineData("--helpdesk-rate-limit", "-1")]
    [InlineData("--seed")]
    public void TryParse_BadFlagOrValue_ReportsAnError(params string[] args)
    {
        var options = CommandLine.TryParse(args, NoEnvironment, out var error);

        Assert.Null(options);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_BadEnvironmentVariable_ReportsIt()
    {
        var options = CommandLine.TryParse([], new Hashtable { ["SAMPLESYSTEMS_CRM_PORT"] = "x" }, out var error);

        Assert.Null(options);
        Assert.Contains("SAMPLESYSTEMS_CRM_PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Help_ReturnsNoOptionsAndNoError()
    {
        var options = CommandLine.TryParse(["--help"], NoEnvironment, out var error);

        Assert.Null(options);
        Assert.Null(error);
        Assert.Contains("--crm-token-lifetime-seconds", CommandLine.Usage(), StringComparison.Ordinal);
    }
}
