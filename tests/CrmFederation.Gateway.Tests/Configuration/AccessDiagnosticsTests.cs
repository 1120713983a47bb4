namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Diagnostics of <c>access.json</c>: scope and role names, and roles granting undeclared scopes.</summary>
public sealed class AccessDiagnosticsTests
{
    [Fact]
    public void TryCompile_SampleAccess_RolesGrantTheirDeclaredScopes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.Equal(["commerce", "customers", "finance", "support"], snapshot!.Access.ScopesOf(["analyst"]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("pii", snapshot.Access.ScopesOf(["analyst", "no-such-role"]));
        Assert.Contains("pii", snapshot.Access.ScopesOf(["analyst", "agent"]));
    }

    [Fact]
    public void TryCompile_RoleGrantsAnUndeclaredScope_ErrorAtItsLineListingTheKnownScopes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", "\"scopes\": [\"customers\", \"pii\", \"support\", \"commerce\", \"write:contact\"]", "\"scopes\": [\"customers\", \"pi\", \"support\", \"commerce\", \"write:contact\"]");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "access.json", sandbox.LineOf("access.json", "\"pi\""),
            "Role 'agent' grants the unknown scope 'pi'.", "$.roles.agent.scopes[1]");
        Assert.Contains("pii", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_ScopeNameWithCapitals_Error()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", "\"developer\": \"Schema", "\"Developer\": \"Schema");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Message == "The scope name 'Developer' is not allowed." && d.File == "access.json");
    }

    [Fact]
    public void TryCompile_UnknownPropertyInARole_ErrorAtItsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("access.json", "\"description\": \"BI analysts", "\"scope\": [], \"description\": \"BI analysts");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.File == "access.json" && d.Line == sandbox.LineOf("access.json", "\"scope\": []"));
    }
}
