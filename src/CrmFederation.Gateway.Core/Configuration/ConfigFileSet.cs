using System.Security.Cryptography;
using System.Text;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// The files of one gateway-config, held in memory: those <see cref="ConfigDirectoryReader"/> reads, in the
/// order it reads them. Compiling from a set rather than from the directory lets a proposed change be checked
/// without touching the disk, and lets a snapshot say exactly which texts it was built from.
/// <see cref="Directory"/> stays the real directory: relative secret-file references resolve from it.
/// </summary>
public sealed class ConfigFileSet
{
    /// <summary>Top-level files, in reading order; after them come schema/, sources/ and bindings/.</summary>
    private static readonly string[] TopLevelFiles =
    [
        ConfigDirectoryReader.SettingsFileName,
        ConfigDirectoryReader.AccessFileName,
        ConfigDirectoryReader.TrustedDocumentsFileName,
        ConfigDirectoryReader.PoliciesFileName,
    ];

    private static readonly (string Folder, string Extension)[] Folders = [("schema", ".graphql"), ("sources", ".json"), ("bindings", ".json")];

    private readonly Dictionary<string, ConfigFileContent> _byPath;

    private ConfigFileSet(string directory, IEnumerable<ConfigFileContent> files)
    {
        Directory = directory;
        _byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        Files = [.. _byPath.Values.OrderBy(f => Rank(f.Path)).ThenBy(f => f.Path, StringComparer.Ordinal)];
        Version = VersionOf(Files);
    }

    public string Directory { get; }

    public IReadOnlyList<ConfigFileContent> Files { get; }

    /// <summary>A hash of every file's path and bytes: a comment or a renamed file changes it.</summary>
    public string Version { get; }

    /// <summary>Reads the config files of <paramref name="directory"/>; a missing directory gives an empty set.</summary>
    public static ConfigFileSet Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        var files = new List<ConfigFileContent>();
        if (System.IO.Directory.Exists(root))
        {
            files.AddRange(TopLevelFiles.Where(name => File.Exists(Path.Combine(root, name)))
                .Select(name => new ConfigFileContent(name, File.ReadAllBytes(Path.Combine(root, name)))));
            foreach (var (folder, extension) in Folders.Where(f => System.IO.Directory.Exists(Path.Combine(root, f.Folder))))
            {
                files.AddRange(System.IO.Directory.GetFiles(Path.Combine(root, folder), "*" + extension)
                    .Where(file => file.EndsWith(extension, StringComparison.Ordinal))
                    .Select(file => new ConfigFileContent($"{folder}/{Path.GetFileName(file)}", File.ReadAllBytes(file))));
            }
        }

        return new ConfigFileSet(root, files);
    }

    /// <summary>True when <paramref name="path"/> (relative, '/'-separated) names a file the gateway reads.</summary>
    public static bool IsConfigPath(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return TopLevelFiles.Contains(path, StringComparer.Ordinal);
        }

        var folder = path[..slash];
        var name = path[(slash + 1)..];
        return Folders.Any(f => f.Folder == folder && name.EndsWith(f.Extension, StringComparison.Ordinal) && name.Length > f.Extension.Length && !name.Contains('/', StringComparison.Ordinal));
    }

    /// <summary>This set with <paramref name="replacements"/> added or replacing the files of the same path.</summary>
    public ConfigFileSet With(IEnumerable<ConfigFileContent> replacements)
    {
        var files = new Dictionary<string, ConfigFileContent>(_byPath, StringComparer.Ordinal);
        foreach (var file in replacements)
        {
            files[file.Path] = file;
        }

        return new ConfigFileSet(Directory, files.Values);
    }

    /// <summary>Exactly <paramref name="files"/>, read as if from <see cref="Directory"/>.</summary>
    public ConfigFileSet Replaced(IEnumerable<ConfigFileContent> files) => new(Directory, files);

    public ConfigFileContent? Find(string path) => _byPath.GetValueOrDefault(path);

    public bool Contains(string path) => _byPath.ContainsKey(path);

    /// <summary>The files of one folder (schema, sources, bindings), in order.</summary>
    public IEnumerable<ConfigFileContent> In(string folder) =>
        Files.Where(f => f.Path.StartsWith(folder + "/", StringComparison.Ordinal));

    private static int Rank(string path)
    {
        var top = Array.IndexOf(TopLevelFiles, path);
        if (top >= 0)
        {
            return top;
        }

        var folder = path[..Math.Max(0, path.IndexOf('/', StringComparison.Ordinal))];
        return TopLevelFiles.Length + Array.FindIndex(Folders, f => f.Folder == folder);
    }

    private static string VersionOf(IReadOnlyList<ConfigFileContent> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Path + "\0"));
            hash.AppendData(file.Bytes.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
