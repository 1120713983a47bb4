using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>
/// The committed build (src/CrmFederation.Console/dist) is the build of the committed sources: the hash
/// the build wrote into build-info.json is the hash of today's package.json, lock file, config and sources,
/// computed as vite.config.js computes it. Fails when someone edits a source without rebuilding.
/// </summary>
public sealed class BuiltAssetsTests
{
    private static readonly string[] BuildInputs = ["package.json", "package-lock.json", "vite.config.js", "ide.html", "console.html", "src"];

    private static string ConsoleProject => Path.Combine(RepositoryPaths.Root, "src", "CrmFederation.Console");

    [Fact]
    public void BuildInfo_SourcesHash_MatchesTheCommittedSources()
    {
        using var buildInfo = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConsoleProject, "dist", "build-info.json")));

        var built = buildInfo.RootElement.GetProperty("sourcesSha256").GetString();

        Assert.True(built == SourcesHash(), "src/CrmFederation.Console/dist is older than its sources: run `npm ci && npm run build` there and commit dist/.");
    }

    [Fact]
    public void PackageLock_PinsExactlyTheVersionsPackageJsonNames()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConsoleProject, "package.json")));
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConsoleProject, "package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages");

        foreach (var group in new[] { "dependencies", "devDependencies" })
        {
            foreach (var dependency in package.RootElement.GetProperty(group).EnumerateObject())
            {
                Assert.Equal(dependency.Value.GetString(), locked.GetProperty("node_modules/" + dependency.Name).GetProperty("version").GetString());
            }
        }
    }

    private static string SourcesHash()
    {
        var files = BuildInputs
            .SelectMany(input => Directory.Exists(Path.Combine(ConsoleProject, input))
                ? Directory.EnumerateFiles(Path.Combine(ConsoleProject, input), "*", SearchOption.AllDirectories)
                : [Path.Combine(ConsoleProject, input)])
            .Select(file => Path.GetRelativePath(ConsoleProject, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(ConsoleProject, file)));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
