using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>The limits roles set in <c>access.json</c>: rate limits and trusted-document enforcement, and how several roles combine.</summary>
public sealed class RoleLimitsDiagnosticsTests
{
    private const string AgentLimit = "\"rateLimit\": { \"requestsPerMinute\": 600, \"burst\": 100 }";

    [Fact]
    public void TryCompile_SampleAccess_EachRolesLimitsAndTheMostGenerousOfSeveral()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var access = sandbox.Compile().Snapshot!.Access;

        Assert.Equal(new ClientRateLimit(600, 100), access.RateLimitOf(["agent"]));
        Assert.Equal(new ClientRateLimit(300, 60), access.RateLimitOf(["analyst", "no-such-role"]));
        Assert.Equal(new ClientRateLimit(1200, 200), access.RateLimitOf(["agent", "frontend", "analyst"]));
        Assert.Null(access.RateLimitOf(["agent", "admin"]));
        Assert.Null(access.RateLimitOf(["no-such-role"]));
        Assert.True(access.RequiresTrustedDocuments(["frontend"]));
        Assert.True(access.RequiresTrustedDocuments(["frontend", "no-such-role"]));
        Assert.False(access.RequiresTrustedDocuments(["frontend", "analyst"]));
        Assert.False(access.RequiresTrustedDocuments([]));
    }

    [Theory]
    [InlineData("\"requestsPerMinute\": 0, \"burst\": 100", "allows 0 requests per minute, out of range", "requestsPerMinute")]
    [InlineData("\"requestsPerMinute\": 600, \"burst\": 0", "allows a burst of 0 requests, out of range", "burst")]
    [InlineData("\"requestsPerMinute\": 600, \"burst\": 9", "allows a burst of 9, less than one second of its rate", "burst")]
    public void TryCompile_RateLimitOutOfRange_ErrorAtItsLine(string values, string message, string property)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", AgentLimit, "\"rateLimit\": {\n        " + values.Replace(", ", ",\n        ", StringComparison.Ordinal) + "\n      }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var line = sandbox.LineOf("access.json", values.Split(", ").Single(v => v.Contains(property, StringComparison.Ordinal)));
        DiagnosticAssert.Error(diagnostics, "access.json", line, $"Role 'agent' {message}", $"$.roles.agent.rateLimit.{property}");
    }

    [Fact]
    public void TryCompile_RateLimitWithoutBurst_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("access.json", AgentLimit, "\"rateLimit\": { \"requestsPerMinute\": 600 }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(("access.json", sandbox.LineOf("access.json", "\"requestsPerMinute\": 600 }")), (diagnostic.File, diagnostic.Line));
        Assert.Contains("burst", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownTrustedDocumentsMode_ErrorAtItsLineNamingTheModes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("access.json", "\"trustedDocuments\": \"enforce\"", "\"trustedDocuments\": \"strict\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"strict\""),
            "Role 'frontend' has the unknown trustedDocuments mode 'strict'.", "$.roles.frontend.trustedDocuments");
        Assert.Contains("\"enforce\"", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_EnforcingRoleWithoutTrustedDocuments_WarningThatItsCallersCanRunNothing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();
        File.Delete(Path.Combine(sandbox.Directory, ConfigDirectoryReader.TrustedDocumentsFileName));

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.NotNull(snapshot);
        DiagnosticAssert.Single(diagnostics, DiagnosticSeverity.Warning, "access.json", sandbox.LineOf("access.json", "\"trustedDocuments\": \"enforce\""),
            "Role 'frontend' runs trusted documents only, and there are none");
    }
}
