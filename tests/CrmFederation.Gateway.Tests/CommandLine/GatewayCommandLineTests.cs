using System.Net;
using System.Net.Sockets;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.CommandLine;

/// <summary>The gateway's command line through its real entry point: help, errors with hints, a busy port explained.</summary>
public sealed class GatewayCommandLineTests
{
    [Fact]
    public async Task Help_ListsEveryCommandAndOption()
    {
        var (exitCode, output, _) = await GatewayMain.RunProcessAsync(["--help"]);

        Assert.Equal(0, exitCode);
        Assert.All(
            ["[run]", "--demo", "--urls", "--environment", "--Section:Key=VALUE", "Demo:CrmPort", "validate [DIR]", "--against", "--allow-breaking", "--require-secrets", "healthcheck URL", "help [COMMAND]"],
            expected => Assert.Contains(expected, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownOption_ExitsTwoNamingItWithAHint()
    {
        var (exitCode, output, error) = await GatewayMain.RunProcessAsync(["--dmeo"]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("error: Unknown option '--dmeo' for 'run'.", error, StringComparison.Ordinal);
        Assert.Contains("hint: Did you mean '--demo'?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("valdate")]
    [InlineData("--demo", "--verbose")]
    [InlineData("validate", "--strict")]
    public async Task GatewayMain_UnknownCommandOrOption_Two(params string[] args)
    {
        Assert.Equal(2, await GatewayMain.RunAsync(args));
    }

    [Fact]
    public async Task GatewayMain_Help_Zero()
    {
        Assert.Equal(0, await GatewayMain.RunAsync("help", "validate"));
    }

    [Fact]
    public async Task Run_PortInUse_ExitsOneNamingThePortAndHowToMoveItWithoutAStackTrace()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (exitCode, output, error) = await GatewayMain.RunProcessAsync(
            ["--urls", $"http://127.0.0.1:{port}", $"--Gateway:ConfigPath={ConfigSandbox.SampleConfigDirectory}"], ConfigSandbox.SampleVariables);

        Assert.Equal(1, exitCode);
        Assert.Contains($"The gateway cannot listen on http://127.0.0.1:{port}: port {port} is in use", error, StringComparison.Ordinal);
        Assert.Contains($"--urls http://localhost:{port + 1} (or ASPNETCORE_URLS=http://localhost:{port + 1})", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDemo_SampleSystemPortInUse_ExitsOneNamingTheSystemAndItsPortSetting()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (exitCode, output, error) = await GatewayMain.RunProcessAsync(
            ["--demo", "--urls", "http://127.0.0.1:0", $"--Demo:ErpPort={port}", "--Demo:CrmPort=0", "--Demo:HelpdeskPort=0", "--Demo:CommercePort=0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"The demo ERP sample system cannot listen on http://127.0.0.1:{port}: port {port} is in use", error, StringComparison.Ordinal);
        Assert.Contains("--Demo:ErpPort=", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }
}
