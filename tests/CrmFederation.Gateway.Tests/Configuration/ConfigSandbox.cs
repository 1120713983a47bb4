using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.Deployment;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// A throw-away copy of the repository's gateway-config, edited by a test and then compiled. Edits
/// insist that the text they replace occurs exactly once, so a change to the sample config breaks
/// the test loudly instead of making it pass for the wrong reason.
/// </summary>
public sealed class ConfigSandbox : IDisposable
{
    private ConfigSandbox(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The repository's own gateway-config directory.</summary>
    public static string SampleConfigDirectory { get; } = Path.Combine(FindRepositoryRoot(), "gateway-config");

    /// <summary>Every variable the repository's gateway-config references, with harmless test values.</summary>
    public static IReadOnlyDictionary<string, string> SampleVariables { get; } = VariablesFor(SampleConfigDirectory);

    /// <summary>
    /// Every variable the sources of <paramref name="configDirectory"/> reference, with harmless test values
    /// (a base URL is http://&lt;source&gt;.test), and the demo API keys.
    /// </summary>
    public static IReadOnlyDictionary<string, string> VariablesFor(string configDirectory)
    {
        var variables = GatewayConfigReferences.Variables(configDirectory)
            .DistinctBy(reference => reference.Variable)
            .ToDictionary(
                reference => reference.Variable,
                reference => reference.Property == "baseUrl"
                    ? $"http://{Path.GetFileNameWithoutExtension(reference.File)}.test"
                    : reference.Variable.ToLowerInvariant().Replace('_', '-'),
                StringComparer.Ordinal);
        variables[DemoApiKeys.Variable] = DemoApiKeys.Secret();
        variables[DemoTokens.Variable] = DemoTokens.SigningKey;
        return variables;
    }

    public static ConfigSandbox CopyOfSample()
    {
        var sandbox = Empty();
        CopyDirectory(SampleConfigDirectory, sandbox.Directory);
        return sandbox;
    }

    /// <summary>A new empty directory, deleted with the sandbox.</summary>
    public static ConfigSandbox Empty()
    {
        var directory = Path.Combine(Path.GetTempPath(), "crmfed-config-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new ConfigSandbox(directory);
    }

    /// <summary>Copies the files of a fixture directory (under the test output's Fixtures/) over the copy.</summary>
    public ConfigSandbox Overlay(string fixtureName)
    {
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixtureName), Directory);
        return this;
    }

    /// <summary>Replaces the single occurrence of <paramref name="oldText"/> in a file of the copy.</summary>
    public ConfigSandbox Replace(string relativePath, string oldText, string newText)
    {
        var path = PathOf(relativePath);
        var text = File.ReadAllText(path);
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{oldText}' does not occur in {relativePath}.");
        Assert.True(text.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, $"'{oldText}' occurs more than once in {relativePath}.");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, first), newText, text.AsSpan(first + oldText.Length)));
        return this;
    }

    /// <summary>Edits a JSON file of the copy as a document: robust to whatever else the file holds.</summary>
    public ConfigSandbox EditJson(string relativePath, Action<JsonNode> edit)
    {
        var path = PathOf(relativePath);
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        edit(root);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return this;
    }

    /// <summary>Adds (or overwrites) a file of the copy.</summary>
    public ConfigSandbox Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>The 1-based number of the only line of the file that contains <paramref name="marker"/>.</summary>
    public int LineOf(string relativePath, string marker)
    {
        var lines = File.ReadAllLines(PathOf(relativePath));
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"'{marker}' is on {matches.Count} lines of {relativePath}; expected one.");
        return matches[0] + 1;
    }

    /// <summary>Compiles the copy, by default with a harmless value for every variable its own sources reference.</summary>
    public (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) Compile(IReadOnlyDictionary<string, string>? variables = null) =>
        TryCompile(Directory, variables ?? VariablesFor(Directory));

    public static (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) TryCompile(
        string directory, IReadOnlyDictionary<string, string> variables) =>
        StandaloneCompiler.TryCompile(directory, name => variables.GetValueOrDefault(name));

    /// <summary>The sample variables with some replaced or (value null) removed.</summary>
    public static IReadOnlyDictionary<string, string> VariablesWith(params (string Name, string? Value)[] changes)
    {
        var variables = new Dictionary<string, string>(SampleVariables, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private string PathOf(string relativePath) => Path.Combine(Directory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in System.IO.Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmFederation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No CrmFederation.sln above " + AppContext.BaseDirectory);
    }
}
