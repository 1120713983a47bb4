using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>One run lists every problem of the config, across files and phases, not just the first.</summary>
public sealed class MultipleErrorsTests
{
    [Fact]
    public void TryCompile_ErrorsInSeveralFiles_ListsEveryOne()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/commerce.json", "\"matchCase\": \"insensitive\"", "\"matchCase\": \"ignore\"")
            .Replace("bindings/support.json", "\"subject\": \"subject\",", "")
            .Replace("bindings/billing.json", "{ \"path\": \"DueDate\", \"coerce\": \"date\" }", "{ \"path\": \"DueDate\", \"coerce\": \"when\" }")
            .Replace("bindings/enum-maps.json", "\"HOLD\": \"HOLD\"", "\"HOLD\": \"ON_HOLD\"")
            .Replace("bindings/query.json", "\"after\": { \"parameter\": \"after\", \"cursor\": true },", "")
            .Write("schema/typo.graphql", "extend type Contact { nickname: String }\n");

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_HELPDESK_TOKEN", null)));

        Assert.Null(snapshot);
        var expected = new (string File, string Fragment)[]
        {
            ("sources/commerce.json", "Unknown matchCase 'ignore'."),
            ("sources/helpdesk.json", "environment variable 'CRMFED_HELPDESK_TOKEN' is not set"),
            ("bindings/support.json", "Field 'Ticket.subject' has no binding."),
            ("bindings/billing.json", "Unknown coercion 'when'."),
            ("bindings/enum-maps.json", "'ON_HOLD' is not a value of enum CreditStatus."),
            ("bindings/query.json", "Argument 'customers(after:)' is not bound"),
            ("bindings/customer.json", "Field 'Contact.nickname' has no binding."),
        };
        foreach (var (file, fragment) in expected)
        {
            Assert.True(
                diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.File == file && d.Message.Contains(fragment, StringComparison.Ordinal)),
                $"Missing error in {file}: \"{fragment}\". Diagnostics:{Environment.NewLine}{DiagnosticAssert.Describe(diagnostics)}");
        }
    }
}
