using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Makes the gateway-config directory hold exactly a proposed file set: every changed or new file is first
/// written beside its target, and only when all of them are written are they renamed into place (each rename
/// atomic), and files the set no longer has are deleted. A directory the gateway may not write, or a folder
/// that is a link leading out of the directory, is refused before anything changes.
/// </summary>
public static class ConfigDirectoryWriter
{
    /// <summary>The paths written and deleted.</summary>
    /// <exception cref="ConfigNotWritableException">Nothing could be written; the directory is unchanged.</exception>
    public static IReadOnlyList<string> Write(ConfigFileSet live, ConfigFileSet proposed)
    {
        var root = RealPath(live.Directory);
        var written = proposed.Files.Where(f => live.Find(f.Path) is not { } old || !old.SameBytesAs(f)).ToList();
        var deleted = live.Files.Where(f => !proposed.Contains(f.Path)).Select(f => f.Path).ToList();
        var targets = written.Select(f => f.Path).Concat(deleted).ToDictionary(p => p, p => TargetOf(root, p), StringComparer.Ordinal);
        var staged = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var file in written)
            {
                var target = targets[file.Path];
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var temporary = AtomicFile.TemporaryBeside(target);
                File.WriteAllBytes(temporary, file.Bytes.ToArray());
                staged.Add((temporary, target));
            }

            foreach (var (temporary, target) in staged)
            {
                File.Move(temporary, target, overwrite: true);
            }

            foreach (var path in deleted)
            {
                File.Delete(targets[path]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var (temporary, _) in staged)
            {
                TryDelete(temporary);
            }

            throw new ConfigNotWritableException(
                $"The gateway-config directory {live.Directory} cannot be written by the gateway ({ex.GetType().Name}: {ex.Message}). " +
                "Mount it writable for the gateway's user to apply changes through the admin API, or change the files where they are kept and reload.");
        }

        return [.. written.Select(f => f.Path), .. deleted];
    }

    /// <summary>The file a config path names, after checking that its folder, links followed, is still inside the directory.</summary>
    private static string TargetOf(string root, string relativePath)
    {
        var target = Path.GetFullPath(Path.Combine(root, relativePath));
        var folder = Path.GetDirectoryName(target)!;
        var real = Directory.Exists(folder) ? RealPath(folder) : folder;
        if (real != root && !real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ConfigNotWritableException($"'{relativePath}' is in a folder that links outside the gateway-config directory; the gateway writes only inside it.");
        }

        return target;
    }

    private static string RealPath(string directory) =>
        new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(directory);

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind, a hidden .tmp file is never read as config.
        }
    }
}
