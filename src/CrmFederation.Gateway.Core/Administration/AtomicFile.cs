namespace CrmFederation.Gateway.Administration;

/// <summary>Names for the temporary file written beside a file that is about to be replaced by a rename.</summary>
internal static class AtomicFile
{
    /// <summary>In the same folder (a rename across file systems would not be atomic), hidden, and matching no config pattern.</summary>
    public static string TemporaryBeside(string file) =>
        Path.Combine(Path.GetDirectoryName(file)!, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
}
