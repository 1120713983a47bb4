using CrmFederation.Gateway.Administration;

namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>The state directory holds copies of gateway-config and the operations clients sent: only the gateway's user may read it.</summary>
public sealed class StateDirectoryTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void WriteAtomically_IntoANewStateDirectory_DirectoriesAndFileOwnerOnly()
    {
        var root = Path.Combine(Path.GetTempPath(), "crmfed-state-" + Guid.NewGuid().ToString("N"));
        try
        {
            var state = new StateDirectory(root);
            var file = Path.Combine(state.Folder(ConfigHistory.FolderName), "entry.json");

            StateDirectory.WriteAtomically(file, "{}"u8);
            StateDirectory.WriteAtomically(file, "{\"again\": true}"u8);

            const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;
            const UnixFileMode Other = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(root) & (Group | Other));
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.GetDirectoryName(file)!) & (Group | Other));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal("{\"again\": true}", File.ReadAllText(file));
            Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
