using System.Xml.Linq;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>The two images, read as text: built with the SDK, run on the ASP.NET runtime as a non-root user, starting the project they build.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string> Images => new()
    {
        { "src/CrmFederation.Gateway/Dockerfile", "src/CrmFederation.Gateway/CrmFederation.Gateway.csproj" },
        { "src/CrmFederation.SampleSystems/Dockerfile", "src/CrmFederation.SampleSystems/CrmFederation.SampleSystems.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Stages_BuildWithTheSdkRunOnTheRuntimeImage(string dockerfile, string project)
    {
        var file = Dockerfile.Load(dockerfile);

        Assert.True(file.Stages.Count >= 2, $"{dockerfile} is not multi-stage");
        var build = file.Stages[0];
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", build.Image, StringComparison.Ordinal);
        Assert.Contains(build.All("RUN"), run => run.StartsWith("dotnet publish " + project, StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", file.FinalStage.Image, StringComparison.Ordinal);
        Assert.NotNull(build.Name);
        Assert.Contains(file.FinalStage.All("COPY"), copy => copy.StartsWith($"--from={build.Name} ", StringComparison.Ordinal));
        Assert.Empty(file.FinalStage.All("RUN"));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_FinalStage_RunsAsANonRootUser(string dockerfile, string project)
    {
        _ = project;
        var user = Dockerfile.Load(dockerfile).FinalStage.All("USER").LastOrDefault();

        Assert.NotNull(user);
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Entrypoint_RunsTheAssemblyOfTheProjectItPublishes(string dockerfile, string project)
    {
        var entrypoint = Dockerfile.Load(dockerfile).FinalStage.ExecForm("ENTRYPOINT");

        Assert.Equal(["dotnet", Path.GetFileNameWithoutExtension(project) + ".dll"], entrypoint.Take(2));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_BuildStage_CopiesEveryProjectItBuildsAndTheSharedBuildFiles(string dockerfile, string project)
    {
        var copied = Dockerfile.Load(dockerfile).Stages[0].All("COPY")
            .Where(copy => !copy.StartsWith("--", StringComparison.Ordinal))
            .SelectMany(copy => copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToList();

        var needed = ProjectsBuiltBy(project).Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/') + "/")
            .Concat(["global.json", "Directory.Build.props", "Directory.Packages.props"]);

        Assert.All(needed, path => Assert.True(copied.Any(source => path.StartsWith(source, StringComparison.Ordinal)), $"{dockerfile} does not copy {path}"));
    }

    [Fact]
    public void GatewayDockerfile_HealthCheck_ProbesHealthReadyOnItsListenPort()
    {
        var runtime = Dockerfile.Load("src/CrmFederation.Gateway/Dockerfile").FinalStage;

        Assert.Contains("ASPNETCORE_URLS=http://+:8080", runtime.Env);
        Assert.Contains("8080", runtime.All("EXPOSE"));
        Assert.Equal(["dotnet", "CrmFederation.Gateway.dll", "healthcheck", "http://localhost:8080/health/ready"], runtime.ExecForm("HEALTHCHECK"));
    }

    [Fact]
    public async Task SampleSystemsDockerfile_Entrypoint_BindsEveryInterfaceWithAFlagTheSystemsAccept()
    {
        var entrypoint = Dockerfile.Load("src/CrmFederation.SampleSystems/Dockerfile").FinalStage.ExecForm("ENTRYPOINT");

        Assert.Equal(["--bind", "0.0.0.0"], entrypoint.Skip(2));

        // --help after the flags: they are parsed (an unknown flag exits 2), then usage is printed and nothing starts.
        Assert.Equal(0, await SampleSystems.Program.Main([.. entrypoint.Skip(2), "--help"]));
    }

    [Fact]
    public void BuildContext_DockerIgnore_KeepsLocalBuildOutputOut()
    {
        // Both images COPY whole source folders: without a .dockerignore, a developer's bin/ and obj/
        // (restore assets with host paths, stale assemblies) land in the build stage.
        var path = Path.Combine(RepositoryPaths.Root, ".dockerignore");
        Assert.True(File.Exists(path), ".dockerignore is missing at the repository root");
        var patterns = File.ReadAllLines(path).Select(l => l.Trim()).ToList();
        Assert.Contains(patterns, p => p is "**/bin" or "**/bin/" or "**/bin/**");
        Assert.Contains(patterns, p => p is "**/obj" or "**/obj/" or "**/obj/**");

        // The browser pages' npm packages (src/CrmFederation.Console): the image needs only their committed build.
        Assert.Contains(patterns, p => p is "**/node_modules" or "**/node_modules/" or "**/node_modules/**");
    }

    /// <summary>The project and every project it references, transitively, relative to the repository root.</summary>
    private static IReadOnlyList<string> ProjectsBuiltBy(string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Contains(next))
            {
                continue;
            }

            seen.Add(next);
            var directory = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryPaths.Root, next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }
}
