using CrmFederation.Gateway.Host.CommandLine;

namespace CrmFederation.Gateway.Tests.CommandLine;

/// <summary>What each command line asks for; nothing unknown is ignored, and ASP.NET Core's own arguments still reach the host.</summary>
public sealed class CommandLineParserTests
{
    [Fact]
    public void Parse_Nothing_RunsWithoutDemo()
    {
        var run = Assert.IsType<RunCommand>(Parse());

        Assert.False(run.Demo);
        Assert.Empty(run.HostArguments);
    }

    [Theory]
    [InlineData("--demo")]
    [InlineData("run", "--demo")]
    public void Parse_Demo_RunsInDemoModeAndKeepsTheFlagFromTheHost(params string[] args)
    {
        var run = Assert.IsType<RunCommand>(Parse(args));

        Assert.True(run.Demo);
        Assert.Empty(run.HostArguments);
    }

    [Theory]
    [InlineData("--urls", "http://localhost:5081")]
    [InlineData("--urls=http://localhost:5081")]
    [InlineData("--environment", "Staging")]
    [InlineData("--contentRoot=/srv/gateway", "--environment=Development", "--applicationName=CrmFederation.Gateway")]
    [InlineData("--Gateway:Demo=true")]
    [InlineData("--Demo:CrmPort", "7201")]
    [InlineData("--Logging:LogLevel:Default=Warning")]
    [InlineData("--CRMFED_ERP_USER=erp")]
    public void Parse_AspNetCoreArguments_PassToTheHostUnchanged(params string[] args)
    {
        var run = Assert.IsType<RunCommand>(Parse(args));

        Assert.Equal(args, run.HostArguments);
    }

    [Fact]
    public void Parse_DemoBetweenHostArguments_DoesNotSwallowTheNextOne()
    {
        // ASP.NET Core alone would read "--demo --urls x" as demo = "--urls" and drop x.
        var run = Assert.IsType<RunCommand>(Parse("--demo", "--urls", "http://localhost:5081"));

        Assert.True(run.Demo);
        Assert.Equal(["--urls", "http://localhost:5081"], run.HostArguments);
    }

    [Theory]
    [InlineData("--dmeo", "Did you mean '--demo'?")]
    [InlineData("--url=http://localhost:5081", "Did you mean '--urls'?")]
    [InlineData("--verbose", "Configuration keys take a section")]
    public void Parse_UnknownOption_ErrorWithAHint(string option, string hint)
    {
        var error = Assert.IsType<UsageError>(Parse(option));

        Assert.Equal($"Unknown option '{option}' for 'run'.", error.Message);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCommand_ErrorSuggestingTheCloseOne()
    {
        var error = Assert.IsType<UsageError>(Parse("valdate"));

        Assert.Equal("Unknown command 'valdate'.", error.Message);
        Assert.StartsWith("Did you mean 'validate'?", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutItsValue_Error()
    {
        var error = Assert.IsType<UsageError>(Parse("--urls"));

        Assert.Equal("Option '--urls' needs a value.", error.Message);
    }

    [Fact]
    public void Parse_StrayArgument_Error()
    {
        Assert.IsType<UsageError>(Parse("--demo", "please"));
    }

    [Theory]
    [InlineData(new[] { "--help" }, null)]
    [InlineData(new[] { "-h" }, null)]
    [InlineData(new[] { "help" }, null)]
    [InlineData(new[] { "help", "validate" }, "validate")]
    [InlineData(new[] { "validate", "--help" }, "validate")]
    [InlineData(new[] { "run", "--help" }, "run")]
    [InlineData(new[] { "healthcheck", "--help" }, "healthcheck")]
    public void Parse_Help_HelpForTheCommand(string[] args, string? command)
    {
        Assert.Equal(new HelpCommand(command), Parse(args));
    }

    [Fact]
    public void Parse_ValidateWithEveryOption_ReadsThemAll()
    {
        Assert.Equal(
            new ValidateCommand("config", "../main/config", AllowBreaking: true, RequireSecrets: true),
            Parse("validate", "config", "--against", "../main/config", "--allow-breaking", "--require-secrets"));
        Assert.Equal(new ValidateCommand(null, "old", false, false), Parse("validate", "--against=old"));
    }

    [Theory]
    [InlineData("validate", "--against")]
    [InlineData("validate", "a", "b")]
    [InlineData("validate", "--allow-braking")]
    public void Parse_ValidateMisused_Error(params string[] args)
    {
        Assert.IsType<UsageError>(Parse(args));
    }

    [Theory]
    [InlineData("healthcheck")]
    [InlineData("healthcheck", "localhost:8080/health/ready")]
    [InlineData("healthcheck", "http://a/", "http://b/")]
    public void Parse_HealthcheckWithoutOneUrl_Error(params string[] args)
    {
        Assert.IsType<UsageError>(Parse(args));
    }

    private static GatewayCommand Parse(params string[] args) => CommandLineParser.Parse(args);
}
