namespace CrmFederation.Gateway.Administration;

/// <summary>
/// The gateway's state directory (<c>Gateway:StateDirectory</c>): created readable by the gateway's user only,
/// since it holds copies of gateway-config and the operations clients sent. Files are replaced atomically
/// (written beside, then renamed), so a crash leaves the old file or the new one, never half of one.
/// </summary>
public sealed class StateDirectory(string path)
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>A folder under the state directory, created when missing.</summary>
    public string Folder(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        CreateOwnerOnly(Path);
        CreateOwnerOnly(folder);
        return folder;
    }

    public string File(string name)
    {
        CreateOwnerOnly(Path);
        return System.IO.Path.Combine(Path, name);
    }

    /// <summary>Replaces <paramref name="file"/> with <paramref name="bytes"/> in one step, owner-only.</summary>
    public static void WriteAtomically(string file, ReadOnlySpan<byte> bytes)
    {
        var temporary = AtomicFile.TemporaryBeside(file);
        try
        {
            using (var stream = OperatingSystem.IsWindows()
                ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)
                : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile }))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            System.IO.File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }

    private static void CreateOwnerOnly(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }
}
