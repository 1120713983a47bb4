using System.Net;

namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>Requests to the config admin API that must be refused with a clear 4xx, leaving gateway-config as it was.</summary>
public sealed class AdminConfigHostileInputTests
{
    [Theory]
    [InlineData("../outside.json")]
    [InlineData("sources/../../outside.json")]
    [InlineData("/etc/passwd")]
    [InlineData("sources/crm.txt")]
    [InlineData("secrets/crm.json")]
    [InlineData("sources/.hidden.json")]
    [InlineData("sources\\crm.json")]
    [InlineData("sources//crm.json")]
    [InlineData("gateway-config.schema.json")]
    [InlineData("README.md")]
    [InlineData("sources/nested/crm.json")]
    [InlineData("sources/crm.json\u0000.txt")]
    [InlineData("")]
    public async Task Apply_PathOutsideTheConfigFiles_400InvalidPathAndNothingWritten(string path)
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();
        var before = Snapshot(gateway.Config.Directory);

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = new[] { new { path, content = "{}" } } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_PATH", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, Snapshot(gateway.Config.Directory));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(gateway.Config.Directory)!, "outside.json")));
    }

    [Fact]
    public async Task Apply_IntoAFolderThatLinksOutside_RefusedAndNothingWrittenThere()
    {
        using var gateway = AdminGateway.Start();
        var outside = Directory.CreateTempSubdirectory("crmfed-outside-");
        try
        {
            var schema = Path.Combine(gateway.Config.Directory, "schema");
            foreach (var file in Directory.GetFiles(schema))
            {
                File.Move(file, Path.Combine(outside.FullName, Path.GetFileName(file)));
            }

            Directory.Delete(schema);
            Directory.CreateSymbolicLink(schema, outside.FullName);
            using var restarted = gateway.Restart();
            var (version, _) = await restarted.GetConfigAsync();

            var schemaWithAComment = await restarted.LiveFileAsync("schema/unified-schema.graphql") + "\n# edited\n";

            var (status, body) = await restarted.PostAsync("/admin/config/apply",
                new { expectedVersion = version, files = new[] { new { path = "schema/unified-schema.graphql", content = schemaWithAComment } } });

            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Equal("CONFIG_NOT_WRITABLE", body.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("links outside", body.GetProperty("error").GetProperty("message").GetString());
            Assert.DoesNotContain("# edited", await File.ReadAllTextAsync(Path.Combine(outside.FullName, "unified-schema.graphql")));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Apply_ReadOnlyConfigDirectory_ClearErrorAndTheOldConfigKeepsRunning()
    {
        using var gateway = AdminGateway.Start();
        var (version, _) = await gateway.GetConfigAsync();
        var bindings = Path.Combine(gateway.Config.Directory, "bindings");
        using var readOnly = ReadOnlyFolder.Make(bindings);

        var (status, body) = await gateway.PostAsync("/admin/config/apply", new { expectedVersion = version, files = await ConfigEdits.AddContactNicknameAsync(gateway) });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CONFIG_NOT_WRITABLE", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("cannot be written by the gateway", body.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain("   at ", body.ToString());
        Assert.Equal(version, (await gateway.GetConfigAsync()).Version);
        Assert.False(File.Exists(Path.Combine(gateway.Config.Directory, "schema", "extra.graphql")));
    }

    [Theory]
    [InlineData("{\"files\": [", "not the expected JSON")]
    [InlineData("[]", "not the expected JSON")]
    [InlineData("null", "null")]
    [InlineData("{\"files\": [], \"expectedVersoin\": \"x\"}", "expectedVersoin")]
    [InlineData("{\"files\": [{\"path\": \"gateway.json\"}]}", "not the expected JSON")]
    public async Task Apply_MalformedBody_400WithAClearMessage(string json, string expected)
    {
        using var gateway = AdminGateway.Start();

        var (status, body) = await gateway.SendAsync(HttpMethod.Post, "/admin/config/apply", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BAD_REQUEST", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(expected, body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Validate_NotJson_415()
    {
        using var gateway = AdminGateway.Start();

        var (status, body) = await gateway.SendAsync(HttpMethod.Post, "/admin/config/validate", "files=1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Validate_BodyOverTheLimit_413()
    {
        using var gateway = AdminGateway.Start();

        var (status, body) = await gateway.PostAsync("/admin/config/validate", new { files = new[] { new { path = "gateway.json", content = new string(' ', 5 * 1024 * 1024) } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("PAYLOAD_TOO_LARGE", body.GetProperty("error").GetProperty("code").GetString());
    }

    private static string Snapshot(string directory) => string.Join("\n", Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{f}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));
}
