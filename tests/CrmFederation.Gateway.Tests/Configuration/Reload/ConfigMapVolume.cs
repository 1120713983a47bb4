using System.Runtime.InteropServices;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>
/// A config directory laid out as Kubernetes mounts a ConfigMap: the files live in a timestamped folder,
/// <c>..data</c> is a symlink to it, and every top-level entry is a symlink through <c>..data</c>. An update
/// writes a new folder and renames a fresh symlink over <c>..data</c>, so the whole config changes in one step.
/// </summary>
public sealed class ConfigMapVolume : IDisposable
{
    private const string Data = "..data";
    private readonly ConfigSandbox _content;
    private int _generation;

    private ConfigMapVolume(ConfigSandbox content, ConfigSandbox mount)
    {
        _content = content;
        Mount = mount;
    }

    /// <summary>The mounted directory the gateway is pointed at.</summary>
    public ConfigSandbox Mount { get; }

    /// <summary>A volume holding <paramref name="content"/>'s files (the sandbox is then the one <see cref="Update"/> edits).</summary>
    public static ConfigMapVolume Of(ConfigSandbox content)
    {
        var mount = ConfigSandbox.Empty();
        var volume = new ConfigMapVolume(content, mount);
        var first = volume.Publish();
        Directory.CreateSymbolicLink(Path.Combine(mount.Directory, Data), first);
        foreach (var entry in Directory.GetFileSystemEntries(Path.Combine(mount.Directory, first)))
        {
            var name = Path.GetFileName(entry);
            File.CreateSymbolicLink(Path.Combine(mount.Directory, name), Path.Combine(Data, name));
        }

        return volume;
    }

    /// <summary>Edits the content, publishes it as a new folder and swaps <c>..data</c> to it, as the kubelet does.</summary>
    public void Update(Action<ConfigSandbox> edit)
    {
        edit(_content);
        var next = Publish();
        var temporary = Path.Combine(Mount.Directory, "..data_tmp");
        Directory.CreateSymbolicLink(temporary, next);
        // rename(2) replaces the old link in one step; File.Move would follow the links to the directories.
        Assert.Equal(0, Rename(temporary, Path.Combine(Mount.Directory, Data)));
    }

    public void Dispose()
    {
        Mount.Dispose();
        _content.Dispose();
    }

    /// <summary>Copies the content into a new timestamped folder of the mount; returns its name.</summary>
    private string Publish()
    {
        var name = $"..2026_01_01_00_00_{_generation++:D2}";
        ConfigSandbox.CopyDirectory(_content.Directory, Path.Combine(Mount.Directory, name));
        return name;
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);
}
