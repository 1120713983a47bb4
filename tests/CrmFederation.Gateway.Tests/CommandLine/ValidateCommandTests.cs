using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.CommandLine;

/// <summary>
/// <c>validate</c> as a config repository's CI runs it: the built gateway as a process, no secrets in
/// the environment, exit 0 or 1, every problem with file:line and a hint, and the breaking-change report.
/// </summary>
public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_RepositoryConfigWithoutSecrets_ExitsZeroWarningAboutEachUnsetValue()
    {
        var (exitCode, output, _) = await GatewayMain.RunProcessAsync(["validate", ConfigSandbox.SampleConfigDirectory]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("warning: sources/erp.json:9 ($.auth.password): The credential cannot be resolved here: environment variable 'CRMFED_ERP_PASSWORD' is not set; checked with a placeholder.",
            output, StringComparison.Ordinal);
        Assert.Contains("Valid (version ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RequireSecretsWithoutThem_ExitsOneWithAnErrorForEach()
    {
        var (exitCode, output, _) = await GatewayMain.RunProcessAsync(["validate", ConfigSandbox.SampleConfigDirectory, "--require-secrets"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("error: sources/erp.json:9 ($.auth.password): The credential cannot be resolved: environment variable 'CRMFED_ERP_PASSWORD' is not set.",
            output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConfigWithAnError_ExitsOneWithFileLineAndHint()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("bindings/support.json", "\"subject\": \"subject\",", "");
        var line = sandbox.LineOf("bindings/support.json", "\"Ticket\": {") + 1;

        var (exitCode, output, _) = await GatewayMain.RunProcessAsync(["validate", sandbox.Directory]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"error: bindings/support.json:{line} ($.types.Ticket.fields): Field 'Ticket.subject' has no binding. Hint: ", output, StringComparison.Ordinal);
        Assert.Contains("Invalid: 1 error(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AgainstAConfigWhoseFieldItRemoves_ExitsOneListingTheBreakingChange()
    {
        using var sandbox = WithoutCustomerIndustry();

        var (exitCode, output, _) = await GatewayMain.RunProcessAsync(["validate", sandbox.Directory, "--against", ConfigSandbox.SampleConfigDirectory]);

        Assert.Equal(1, exitCode);
        Assert.Contains("Schema changes against", output, StringComparison.Ordinal);
        Assert.Contains(": 1 breaking, 0 dangerous, 0 safe", output, StringComparison.Ordinal);
        Assert.Contains("  breaking: Customer.industry: Field 'Customer.industry' was removed.", output, StringComparison.Ordinal);
        Assert.Contains("1 breaking change(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AllowBreaking_ExitsZeroStillListingTheChange()
    {
        using var sandbox = WithoutCustomerIndustry();

        var (exitCode, output, _) = await GatewayMain.RunProcessAsync(["validate", sandbox.Directory, "--against", ConfigSandbox.SampleConfigDirectory, "--allow-breaking"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("breaking: Customer.industry", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayMain_ValidateAgainstAConfigWithOnlyAdditions_Zero()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Write("schema/extra.graphql", "extend type Contact {\n  nickname: String\n}\n")
            .Replace("bindings/customer.json", "\"title\": \"title\",", "\"title\": \"title\",\n        \"nickname\": \"nickname\",");

        Assert.Equal(0, await GatewayMain.RunAsync("validate", sandbox.Directory, "--against", ConfigSandbox.SampleConfigDirectory));
    }

    [Fact]
    public async Task GatewayMain_ValidateAgainstADirectoryThatDoesNotExist_One()
    {
        Assert.Equal(1, await GatewayMain.RunAsync("validate", ConfigSandbox.SampleConfigDirectory, "--against", Path.Combine(Path.GetTempPath(), "no-such-config-" + Guid.NewGuid())));
    }

    private static ConfigSandbox WithoutCustomerIndustry() => ConfigSandbox.CopyOfSample()
        .Replace("schema/unified-schema.graphql", "  industry: String                          # CRM\n", "")
        .Replace("bindings/customer.json", "        \"industry\": \"industry\",\n", "");
}
