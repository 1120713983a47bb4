using System.Diagnostics;

namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>
/// Makes a folder unwritable until disposed: without write permission, and, for root (whom permissions do not
/// stop, as in CI containers), immutable with chattr, as a read-only mount would be.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;

    private ReadOnlyFolder(string path)
    {
        _path = path;
        _mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        if (Environment.UserName == "root")
        {
            Chattr("+i");
        }
    }

    public static ReadOnlyFolder Make(string path) => new(path);

    public void Dispose()
    {
        if (Environment.UserName == "root")
        {
            Chattr("-i");
        }

        File.SetUnixFileMode(_path, _mode);
    }

    private void Chattr(string flag)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, _path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} {_path}: {process.StandardError.ReadToEnd()}");
    }
}
