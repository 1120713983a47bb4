using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>Diagnostics of <c>sources/*.json</c>: base URLs, credentials, endpoints and paging.</summary>
public sealed class SourceDiagnosticsTests
{
    private const string Canary = "Canary-Secret-7f3e9c";

    [Fact]
    public void TryCompile_CredentialVariableUnset_ReportsTheVariableAtTheCredential()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_PASSWORD", null)));

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"password\""),
            "The credential cannot be resolved: environment variable 'CRMFED_ERP_PASSWORD' is not set.", "$.auth.password");
    }

    [Fact]
    public void TryCompile_CredentialVariableEmpty_ReportsItAsNotSet()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (_, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_HELPDESK_TOKEN", "")));

        DiagnosticAssert.Error(diagnostics, "sources/helpdesk.json", sandbox.LineOf("sources/helpdesk.json", "\"token\""),
            "environment variable 'CRMFED_HELPDESK_TOKEN' is not set", "$.auth.token");
    }

    [Fact]
    public void TryCompile_CredentialWithDefault_IsRefusedEvenWhenTheVariableIsSet()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "{ \"env\": \"CRMFED_ERP_PASSWORD\" }", "{ \"env\": \"CRMFED_ERP_PASSWORD\", \"default\": \"erp-password\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"password\""),
            "A credential must not have a default", "$.auth.password.default");
    }

    [Fact]
    public void TryCompile_SecretsSetButOtherErrors_NoDiagnosticContainsASecretValue()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"matchOn\": \"CrmRef\"", "\"matchOn\": \"CrmRef\", \"matchCase\": \"loose\"")
            .Replace("sources/crm.json", "\"tokenPath\": \"/oauth/token\"", "\"tokenPath\": \"oauth/token\"")
            .Replace("sources/commerce.json", "\"headerName\": \"X-Shopify-Access-Token\",", "")
            .Replace("bindings/customer.json", "\"endpoint\": \"invoicesByAccount\"", "\"endpoint\": \"invoices\"");
        var variables = ConfigSandbox.VariablesWith(
            ("CRMFED_ERP_PASSWORD", Canary + "-erp"),
            ("CRMFED_ERP_USER", Canary + "-erp-user"),
            ("CRMFED_CRM_CLIENT_SECRET", Canary + "-crm"),
            ("CRMFED_HELPDESK_TOKEN", Canary + "-helpdesk"),
            ("CRMFED_COMMERCE_TOKEN", Canary + "-commerce"),
            ("CRMFED_COMMERCE_BASE_URL", "not a url"));

        var (snapshot, diagnostics) = sandbox.Compile(variables);

        Assert.Null(snapshot);
        Assert.True(diagnostics.Count >= 4, DiagnosticAssert.Describe(diagnostics));
        Assert.All(diagnostics, d => Assert.DoesNotContain(Canary, d.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, new ConfigException(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_BaseUrlNotAbsolute_ReportsTheReferenceNotTheValue()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();

        var (_, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_BASE_URL", "erp.internal:7102")));

        var diagnostic = DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"baseUrl\""),
            "The base URL from env:CRMFED_ERP_BASE_URL is not an absolute http(s) URL.", "$.baseUrl");
        Assert.DoesNotContain("erp.internal", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownPagingStyle_ReportsTheStyleAndTheKnownOnes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/helpdesk.json", "\"style\": \"next-url-in-body\"", "\"style\": \"cursor\"");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "sources/helpdesk.json", sandbox.LineOf("sources/helpdesk.json", "\"cursor\""),
            "Unknown paging style 'cursor'.", "$.endpoints.ticketsByOrganization.paging.style");
        Assert.Contains("next-url-in-body, link-header", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_NextUrlStyleWithoutNextUrl_ReportsNextUrlMissing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/helpdesk.json", ", \"nextUrl\": \"next_page\"", "");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "sources/helpdesk.json", sandbox.LineOf("sources/helpdesk.json", "\"paging\""),
            "The next-url-in-body style needs nextUrl", "$.endpoints.ticketsByOrganization.paging.nextUrl");
    }

    [Fact]
    public void TryCompile_KeyInPathAndKeyParameter_ReportsBothNotAllowed()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"path\": \"/erp/odata/Accounts\"", "\"path\": \"/erp/odata/Accounts/{key}\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = Assert.Single(diagnostics, d => d.Message.Contains("either in the path ({key}) or in keyParameter", StringComparison.Ordinal));
        Assert.Equal(("sources/erp.json", sandbox.LineOf("sources/erp.json", "\"crmRefs\"")), (diagnostic.File, diagnostic.Line));
    }

    [Fact]
    public void TryCompile_BatchEndpointWithoutMatchOn_ReportsMatchOnMissing()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", ",\n      \"matchOn\": \"AccountNo\"", "");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"invoicesByAccount\""),
            "A batch endpoint needs matchOn", "$.endpoints.invoicesByAccount.matchOn");
    }

    [Theory]
    [InlineData("\"maxBatchSize\": 50,", "\"maxBatchSize\": 0,", "$.maxBatchSize")]
    [InlineData("\"timeoutMs\": 5000,", "\"timeoutMs\": 900000,", "$.timeoutMs")]
    [InlineData("\"itemsPerKey\": 8,", "\"itemsPerKey\": 0,", "$.endpoints.invoicesByAccount.itemsPerKey")]
    public void TryCompile_NumberOutOfRange_ReportsTheRange(string oldText, string newText, string jsonPath)
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Replace("sources/erp.json", oldText, newText);

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = Assert.Single(diagnostics, d => d.JsonPath == jsonPath);
        Assert.Contains("is out of range", diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith("Use a value from 1 to", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_PageSizeOutOfRange_ReportsTheRangeAtThePaging()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/helpdesk.json", "\"pageSize\": 100", "\"pageSize\": 0");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "sources/helpdesk.json", sandbox.LineOf("sources/helpdesk.json", "\"pageSize\""),
            "0 is out of range.", "$.endpoints.ticketsByOrganization.paging.pageSize");
        Assert.Equal("Use a value from 1 to 100000.", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_ItemsPerKeyOnAnEndpointAnsweringOneItemPerKey_IsRefused()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"identity\": \"AccountNo\",", "\"identity\": \"AccountNo\",\n      \"itemsPerKey\": 3,");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"itemsPerKey\": 3"),
            "itemsPerKey only applies to endpoints where one key matches many items.", "$.endpoints.accountsByCrmRef.itemsPerKey");
    }

    [Fact]
    public void TryCompile_UnknownAuthScheme_ReportsTheKnownSchemes()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "\"scheme\": \"basic\"", "\"scheme\": \"Basic\"");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"scheme\""),
            "Unknown auth scheme 'Basic'.", "$.auth.scheme");
        Assert.Contains("oauth2-client-credentials, basic, bearer, header, none", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_CredentialFromSecretFile_Compiles()
    {
        var secretFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secretFile, "erp-password\n");
            using var sandbox = ConfigSandbox.CopyOfSample()
                .Replace("sources/erp.json", "{ \"env\": \"CRMFED_ERP_PASSWORD\" }", $"{{ \"file\": \"{secretFile.Replace("\\", "\\\\", StringComparison.Ordinal)}\" }}");

            var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_PASSWORD", null)));

            Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
            Assert.NotNull(snapshot);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void TryCompile_CredentialNamesEnvAndFile_ReportsTheReferenceAndAsksForOne()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("sources/erp.json", "{ \"env\": \"CRMFED_ERP_PASSWORD\" }", "{ \"env\": \"CRMFED_ERP_PASSWORD\", \"file\": \"/run/secrets/erp-password\" }");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"password\""),
            "The credential cannot be resolved: the reference names both 'env' and 'file'.", "$.auth.password");
        Assert.Equal("Name one of env or file.", diagnostic.Hint);
    }

    [Fact]
    public void TryCompile_RelativeSecretFile_IsReadFromTheConfigDirectoryNotTheWorkingDirectory()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("local-secrets/erp-password", "erp-password\n")
            .Replace("sources/erp.json", "{ \"env\": \"CRMFED_ERP_PASSWORD\" }", "{ \"file\": \"local-secrets/erp-password\" }");

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_PASSWORD", null)));

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.NotNull(snapshot);
    }

    [Fact]
    public void TryCompile_SecretFileIsADirectory_ReportsItCannotBeRead()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("local-secrets/erp-password/placeholder", "")
            .Replace("sources/erp.json", "{ \"env\": \"CRMFED_ERP_PASSWORD\" }", "{ \"file\": \"local-secrets/erp-password\" }");
        var path = Path.Combine(sandbox.Directory, "local-secrets", "erp-password");

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_PASSWORD", null)));

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"password\""),
            $"secret file '{path}' cannot be read: it is a directory", "$.auth.password");
    }

    [Fact]
    public void TryCompile_SecretFileEmpty_ReportsItIsEmpty()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Write("local-secrets/erp-password", " \n")
            .Replace("sources/erp.json", "{ \"env\": \"CRMFED_ERP_PASSWORD\" }", "{ \"file\": \"local-secrets/erp-password\" }");
        var path = Path.Combine(sandbox.Directory, "local-secrets", "erp-password");

        var (snapshot, diagnostics) = sandbox.Compile(ConfigSandbox.VariablesWith(("CRMFED_ERP_PASSWORD", null)));

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, "sources/erp.json", sandbox.LineOf("sources/erp.json", "\"password\""),
            $"secret file '{path}' is empty", "$.auth.password");
    }
}
