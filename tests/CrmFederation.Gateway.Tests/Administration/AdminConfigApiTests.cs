using System.Net;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>The config admin API end to end: an in-process gateway over a temp copy of gateway-config and a temp state directory.</summary>
public sealed class AdminConfigApiTests
{
    private const string AdminName = "demo-admin";

    private const string ContactFields = "{ __type(name: \"Contact\") { fields { name } } }";

    private const string IndustryQuery = "query CustomerIndustry($id: ID!) { customer(id: $id) { name industry } }";

    [Fact]
    public async Task GetConfig_LiveFilesAndVersion_WithTheVersionAsETag()
    {
        using var gateway = AdminGateway.Start();

        using var response = await gateway.Http.GetAsync("/admin/config");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var version = body.GetProperty("version").GetString();
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.ToString());
        var paths = body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("sources/crm.json", paths);
        Assert.Contains("schema/unified-schema.graphql", paths);
        Assert.DoesNotContain("gateway-config.schema.json", paths);
        Assert.DoesNotContain("README.md", paths);
    }

    [Fact]
    public async Task Apply_GoodEdit_NextQueryReflectsItAndTheFilesAreWritten()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = await ConfigEdits.AddContactNicknameAsync(gateway) });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(version, body.GetProperty("previousVersion").GetString());
        Assert.NotEqual(version, body.GetProperty("version").GetString());
        Assert.Contains(body.GetProperty("schemaChanges").EnumerateArray(), c => c.GetProperty("path").GetString() == "Contact.nickname" && c.GetProperty("severity").GetString() == "safe");
        Assert.Contains("nickname", FieldNames(await gateway.QueryAsync(ContactFields)));
        Assert.Contains("nickname", await File.ReadAllTextAsync(Path.Combine(gateway.Config.Directory, "bindings", "customer.json")));
        Assert.Equal(body.GetProperty("version").GetString(), (await gateway.GetConfigAsync()).Version);
    }

    [Fact]
    public async Task Apply_WithIfMatchInsteadOfExpectedVersion_Applied()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/config/apply")
        {
            Content = JsonContent(new { files = await ConfigEdits.AddContactNicknameAsync(gateway) }),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Apply_StaleExpectedVersion_409VersionConflictWithTheCurrentVersion()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();
        var edit = await ConfigEdits.AddContactNicknameAsync(gateway);
        Assert.Equal(HttpStatusCode.OK, (await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = edit })).Status);

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = edit });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("VERSION_CONFLICT", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal((await gateway.GetConfigAsync()).Version, body.GetProperty("currentVersion").GetString());
    }

    [Fact]
    public async Task Apply_WithoutAnExpectedVersion_428()
    {
        using var gateway = AdminGateway.Start();

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { files = await ConfigEdits.AddContactNicknameAsync(gateway) });

        Assert.Equal((HttpStatusCode)428, status);
        Assert.Equal("VERSION_REQUIRED", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Apply_InvalidConfig_422WithFileAndLineAndNothingChanged()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();
        var line = gateway.Config.LineOf("bindings/support.json", "\"Ticket\": {") + 1;

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = await ConfigEdits.UnbindTicketSubjectAsync(gateway) });

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("CONFIG_INVALID", body.GetProperty("error").GetProperty("code").GetString());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("bindings/support.json", error.GetProperty("file").GetString());
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Contains("Ticket.subject", error.GetProperty("message").GetString());
        Assert.Equal(version, (await gateway.GetConfigAsync()).Version);
        Assert.Contains("\"subject\": \"subject\"", await File.ReadAllTextAsync(Path.Combine(gateway.Config.Directory, "bindings", "support.json")));
    }

    [Fact]
    public async Task Validate_BreakingChange_ListsTheSchemaChangeAndTheRecentlyUsedOperationsItBreaks()
    {
        using var gateway = AdminGateway.Start();
        await gateway.QueryAsync(IndustryQuery, new { id = "C-000035" });
        await gateway.QueryAsync("{ customers(first: 1) { nodes { id } } }");

        var (status, body) = await gateway.PostAsync("/admin/config/validate", new { files = await ConfigEdits.RemoveCustomerIndustryAsync(gateway) });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("valid").GetBoolean());
        var change = Assert.Single(body.GetProperty("schemaChanges").EnumerateArray());
        Assert.Equal("breaking", change.GetProperty("severity").GetString());
        Assert.Equal("FIELD_REMOVED", change.GetProperty("code").GetString());
        Assert.Equal("Customer.industry", change.GetProperty("path").GetString());
        var broken = Assert.Single(body.GetProperty("brokenOperations").EnumerateArray());
        Assert.Equal("CustomerIndustry", broken.GetProperty("name").GetString());
        Assert.Equal(1, broken.GetProperty("count").GetInt64());
        Assert.Contains(broken.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("industry", StringComparison.Ordinal));
        Assert.Equal("breaks 1 operation used in the last 7 days", body.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Validate_InvalidEdit_ErrorsWithFileAndLine()
    {
        using var gateway = AdminGateway.Start();

        var (status, body) = await gateway.PostAsync("/admin/config/validate", new { files = await ConfigEdits.UnbindTicketSubjectAsync(gateway) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("valid").GetBoolean());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("bindings/support.json", error.GetProperty("file").GetString());
        Assert.True(error.GetProperty("line").GetInt32() > 0);
        Assert.NotNull(error.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task Apply_BreakingWithoutForce_409ListingTheOperationsItBreaks()
    {
        using var gateway = AdminGateway.Start();
        await gateway.QueryAsync(IndustryQuery, new { id = "C-000035" });
        var (version, _) = await gateway.GetConfigAsync();
        var edit = await ConfigEdits.RemoveCustomerIndustryAsync(gateway);

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = edit, force = true, reason = " " });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("BREAKING_CHANGE", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Customer.industry", body.GetProperty("schemaChanges")[0].GetProperty("path").GetString());
        Assert.Equal("CustomerIndustry", Assert.Single(body.GetProperty("brokenOperations").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(version, (await gateway.GetConfigAsync()).Version);
    }

    [Fact]
    public async Task Apply_BreakingForcedWithAReason_AppliedRecordedAndAudited()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();

        var (status, body) = await gateway.PostAsync("/admin/config/apply",
            new { expectedVersion = version, files = await ConfigEdits.RemoveCustomerIndustryAsync(gateway), force = true, reason = "CRM drops industry (TICKET-42)" });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var errors = (await gateway.QueryAsync("{ customer(id: \"C-1\") { industry } }")).GetProperty("errors");
        Assert.Contains("industry", errors[0].GetProperty("message").GetString());
        var (_, history) = await gateway.SendAsync(HttpMethod.Get, "/admin/config/history");
        var newest = history.GetProperty("entries")[0];
        Assert.Equal("apply", newest.GetProperty("trigger").GetString());
        Assert.True(newest.GetProperty("forced").GetBoolean());
        Assert.Equal("CRM drops industry (TICKET-42)", newest.GetProperty("reason").GetString());
        Assert.Equal(AdminName, newest.GetProperty("appliedBy").GetString());
        Assert.True(newest.GetProperty("current").GetBoolean());
        Assert.Equal(1, newest.GetProperty("schemaChanges").GetProperty("breaking").GetInt32());
        var audit = Assert.Single(gateway.Log.Entries, e => e.Category == PersonalDataAudit.Category && e.Message.StartsWith("Config apply", StringComparison.Ordinal));
        Assert.Contains($"by {AdminName}", audit.Message);
        Assert.Contains("forced True, reason CRM drops industry (TICKET-42)", audit.Message);
        Assert.Contains("schema/unified-schema.graphql", audit.Message);
    }

    [Fact]
    public async Task History_AfterARestart_StillListsEveryVersionAndRollbackRestoresTheOldBehaviour()
    {
        var gateway = AdminGateway.Start();
        try
        {
            var (original, _) = await gateway.GetConfigAsync();
            var (_, applied) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = original, files = await ConfigEdits.AddContactNicknameAsync(gateway) });
            var edited = applied.GetProperty("version").GetString()!;

            gateway = gateway.Restart();

            var (_, history) = await gateway.SendAsync(HttpMethod.Get, "/admin/config/history");
            var entries = history.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal([edited, original], entries.Select(e => e.GetProperty("version").GetString()));
            Assert.Equal(["apply", "startup"], entries.Select(e => e.GetProperty("trigger").GetString()));
            Assert.Equal([true, false], entries.Select(e => e.GetProperty("current").GetBoolean()));
            var (status, old) = await gateway.SendAsync(HttpMethod.Get, $"/admin/config/history/{original}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(old.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "schema/extra.graphql");

            var (rolledBack, body) = await gateway.PostAsync("/admin/config/rollback", new { version = original, expectedVersion = edited, force = true, reason = "undo the nickname" });

            Assert.True(rolledBack == HttpStatusCode.OK, body.ToString());
            Assert.Equal(original, body.GetProperty("version").GetString());
            Assert.DoesNotContain("nickname", FieldNames(await gateway.QueryAsync(ContactFields)));
            Assert.False(File.Exists(Path.Combine(gateway.Config.Directory, "schema", "extra.graphql")));
            var (_, after) = await gateway.SendAsync(HttpMethod.Get, "/admin/config/history");
            Assert.Equal("rollback", after.GetProperty("entries")[0].GetProperty("trigger").GetString());
        }
        finally
        {
            gateway.Dispose();
        }
    }

    [Fact]
    public async Task RecentOperations_AfterARestart_StillReportedAsBroken()
    {
        var gateway = AdminGateway.Start();
        try
        {
            await gateway.QueryAsync(IndustryQuery, new { id = "C-000035" });
            gateway = gateway.Restart();

            var (_, body) = await gateway.PostAsync("/admin/config/validate", new { files = await ConfigEdits.RemoveCustomerIndustryAsync(gateway) });

            Assert.Equal("CustomerIndustry", Assert.Single(body.GetProperty("brokenOperations").EnumerateArray()).GetProperty("name").GetString());
        }
        finally
        {
            gateway.Dispose();
        }
    }

    [Fact]
    public async Task Rollback_ToAVersionNotInTheHistory_404()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();

        var (status, body) = await gateway.PostAsync("/admin/config/rollback", new { version = "0123456789abcdef", expectedVersion = version });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("VERSION_NOT_FOUND", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(AdminRefusals.CallersWithoutTheAdminScope), MemberType = typeof(AdminRefusals))]
    public async Task AdminConfig_CallerWithoutTheAdminScope_Refused(string? apiKey, HttpStatusCode expected)
    {
        using var gateway = AdminGateway.Start();
        if (apiKey is null)
        {
            DemoCallers.Unauthenticated(gateway.Http);
        }
        else
        {
            DemoCallers.Authenticate(gateway.Http, apiKey);
        }

        Assert.Equal(expected, (await gateway.SendAsync(HttpMethod.Get, "/admin/config")).Status);
        Assert.Equal(expected, (await gateway.PostAsync("/admin/config/apply", new { expectedVersion = "x", files = Array.Empty<object>() })).Status);
        Assert.Equal(expected, (await gateway.SendAsync(HttpMethod.Get, "/admin/config/history")).Status);
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static List<string?> FieldNames(JsonElement answer) =>
        [.. answer.GetProperty("data").GetProperty("__type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString())];
}
