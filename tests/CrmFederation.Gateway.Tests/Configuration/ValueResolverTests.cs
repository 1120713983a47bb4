using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Tests.Configuration;

public sealed class ValueResolverTests
{
    private static readonly ValueResolver Resolver = new(name => name switch
    {
        "SET" => "value",
        "EMPTY" => "",
        _ => null,
    });

    [Fact]
    public void Resolve_EnvSet_ReturnsItsValue()
    {
        var value = Resolver.Resolve(new ValueReference { Env = "SET", Default = "fallback" }, out var problem);

        Assert.Equal("value", value);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("UNSET")]
    [InlineData("EMPTY")]
    public void Resolve_EnvUnsetOrEmptyWithDefault_ReturnsTheDefault(string name)
    {
        var value = Resolver.Resolve(new ValueReference { Env = name, Default = "http://localhost:7101" }, out var problem);

        Assert.Equal("http://localhost:7101", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_EnvUnsetWithoutDefault_ReturnsNullAndNamesTheVariable()
    {
        var value = Resolver.Resolve(new ValueReference { Env = "UNSET" }, out var problem);

        Assert.Null(value);
        Assert.Equal("environment variable 'UNSET' is not set", problem);
    }

    [Fact]
    public void Resolve_FileThatExists_ReturnsItsTrimmedContent()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "  s3cret\n");

            var value = Resolver.Resolve(new ValueReference { File = file }, out var problem);

            Assert.Equal("s3cret", value);
            Assert.Null(problem);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Resolve_FileMissing_ReturnsNullAndNamesTheFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "crmfed-no-such-secret-" + Guid.NewGuid().ToString("N"));

        var value = Resolver.Resolve(new ValueReference { File = file }, out var problem);

        Assert.Null(value);
        Assert.Equal($"secret file '{file}' does not exist", problem);
    }

    [Fact]
    public void Resolve_FileMissingWithDefault_ReturnsTheDefault()
    {
        var file = Path.Combine(Path.GetTempPath(), "crmfed-no-such-file-" + Guid.NewGuid().ToString("N"));

        var value = Resolver.Resolve(new ValueReference { File = file, Default = "fallback" }, out _);

        Assert.Equal("fallback", value);
    }

    [Fact]
    public void Resolve_OnlyDefault_ReturnsTheDefault()
    {
        var value = Resolver.Resolve(new ValueReference { Default = "http://erp.test" }, out var problem);

        Assert.Equal("http://erp.test", value);
        Assert.Null(problem);
    }

    [Fact]
    public void Resolve_NeitherEnvNorFileNorDefault_ReturnsNullWithProblem()
    {
        var value = Resolver.Resolve(new ValueReference(), out var problem);

        Assert.Null(value);
        Assert.Equal("the reference names neither 'env' nor 'file'", problem);
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
}
