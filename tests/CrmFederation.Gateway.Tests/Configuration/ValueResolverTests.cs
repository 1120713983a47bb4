using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

public sealed class ValueResolverTests : IDisposable
{
    private const string Canary = "Canary-Secret-5b1d2e";

    private readonly string configDirectory = Directory.CreateTempSubdirectory("crmfed-resolver-").FullName;

    private readonly ValueResolver resolver;

    public ValueResolverTests()
    {
        resolver = new(name => name switch
        {
            "SET" => "value",
            "EMPTY" => "",
            _ => null,
        }, configDirectory);
    }

    public void Dispose() => Directory.Delete(configDirectory, recursive: true);

    [Fact]
    public void Resolve_EnvSet_ReturnsItsValue()
    {
        var value = resolver.Resolve(new ValueReference { Env = "SET", Default = "fallback" }, out var problem);

        Assert.Equal("value", value);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("UNSET")]
    [InlineData("EMPTY")]
    public void Resolve_EnvUnsetOrEmptyWithDefault_ReturnsTheDefault(string name)
    {
        var value = resolver.Resolve(new ValueReference { Env = name, Default = "http://localhost:7101" }, out var problem);

        Assert.Equal("http://localhost:7101", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_EnvUnsetWithoutDefault_ReturnsNullAndNamesTheVariable()
    {
        var value = resolver.Resolve(new ValueReference { Env = "UNSET" }, out var problem);

        Assert.Null(value);
        Assert.Equal("environment variable 'UNSET' is not set", problem?.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fallback")]
    public void Resolve_EnvAndFile_ReturnsNullAndAsksForOne(string? fallback)
    {
        var file = WriteFile("token", "from-file");

        var value = resolver.Resolve(new ValueReference { Env = "SET", File = file, Default = fallback }, out var problem);

        Assert.Null(value);
        Assert.Equal("the reference names both 'env' and 'file'", problem?.Reason);
        Assert.Equal("Name one of env or file.", problem?.Hint);
    }

    [Fact]
    public void Resolve_FileThatExists_ReturnsItsTrimmedContent()
    {
        var file = WriteFile("token", "  s3cret\n");

        var value = resolver.Resolve(new ValueReference { File = file }, out var problem);

        Assert.Equal("s3cret", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_RelativeFile_IsReadFromTheConfigDirectory()
    {
        WriteFile(Path.Combine("secrets", "token"), "s3cret");

        var value = resolver.Resolve(new ValueReference { File = "secrets/token" }, out var problem);

        Assert.Equal("s3cret", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_FileMissing_ReturnsNullAndNamesTheFile()
    {
        var file = Path.Combine(configDirectory, "no-such-secret");

        var value = resolver.Resolve(new ValueReference { File = file }, out var problem);

        Assert.Null(value);
        Assert.Equal($"secret file '{file}' does not exist", problem?.Reason);
    }

    [Fact]
    public void Resolve_RelativeFileMissing_NamesTheFullPath()
    {
        resolver.Resolve(new ValueReference { File = "no-such-secret" }, out var problem);

        Assert.Equal($"secret file '{Path.Combine(configDirectory, "no-such-secret")}' does not exist", problem?.Reason);
    }

    [Fact]
    public void Resolve_FileMissingWithDefault_ReturnsTheDefault()
    {
        var value = resolver.Resolve(new ValueReference { File = "no-such-file", Default = "fallback" }, out var problem);

        Assert.Equal("fallback", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_FileEmpty_ReturnsNullAndSaysSo()
    {
        var file = WriteFile("token", " \n");

        var value = resolver.Resolve(new ValueReference { File = file }, out var problem);

        Assert.Null(value);
        Assert.Equal($"secret file '{file}' is empty", problem?.Reason);
        Assert.NotNull(problem?.Hint);
    }

    [Fact]
    public void Resolve_FileEmptyWithDefault_ReturnsTheDefaultLikeAnEmptyVariable()
    {
        var file = WriteFile("base-url", "");

        var value = resolver.Resolve(new ValueReference { File = file, Default = "http://erp.test" }, out var problem);

        Assert.Equal("http://erp.test", value);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fallback")]
    public void Resolve_FileIsADirectory_ReturnsNullEvenWithADefault(string? fallback)
    {
        var directory = Directory.CreateDirectory(Path.Combine(configDirectory, "token")).FullName;

        var value = resolver.Resolve(new ValueReference { File = directory, Default = fallback }, out var problem);

        Assert.Null(value);
        Assert.Equal($"secret file '{directory}' cannot be read: it is a directory", problem?.Reason);
        Assert.NotNull(problem?.Hint);
    }

    [Fact]
    public void Resolve_FileLockedByAnotherReader_ReportsTheCauseWithoutTheContent()
    {
        var file = WriteFile("token", Canary);
        using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var value = resolver.Resolve(new ValueReference { File = file }, out var problem);

        Assert.Null(value);
        Assert.StartsWith($"secret file '{file}' cannot be read: ", problem?.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, problem?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyDefault_ReturnsTheDefault()
    {
        var value = resolver.Resolve(new ValueReference { Default = "http://erp.test" }, out var problem);

        Assert.Equal("http://erp.test", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_NeitherEnvNorFileNorDefault_ReturnsNullWithProblem()
    {
        var value = resolver.Resolve(new ValueReference(), out var problem);

        Assert.Null(value);
        Assert.Equal("the reference names neither 'env' nor 'file'", problem?.Reason);
    }

    [Theory]
    [InlineData("CRMFED_X", null, "env:CRMFED_X")]
    [InlineData(null, "/run/secrets/x", "file:/run/secrets/x")]
    [InlineData(null, null, "default")]
    public void ToString_NamesTheReferenceNeverTheValue(string? env, string? file, string expected)
    {
        var reference = new ValueReference { Env = env, File = file, Default = "not-shown" };

        Assert.Equal(expected, reference.ToString());
    }

    private string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(configDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
