using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Schema.Diff;

namespace CrmFederation.Gateway.Administration;

/// <summary>What one config change did, for the history and the audit log: the files it touched and its schema changes by severity.</summary>
public sealed record ConfigChangeSummary(IReadOnlyList<ConfigFileChange> Files, int Breaking, int Dangerous, int Safe)
{
    public static ConfigChangeSummary Between(ConfigFileSet before, ConfigFileSet after, SchemaChangeReport schema) => new(
        [
            .. after.Files.Where(f => !before.Contains(f.Path)).Select(f => new ConfigFileChange(f.Path, "added")),
            .. after.Files.Where(f => before.Find(f.Path) is { } old && !old.SameBytesAs(f)).Select(f => new ConfigFileChange(f.Path, "modified")),
            .. before.Files.Where(f => !after.Contains(f.Path)).Select(f => new ConfigFileChange(f.Path, "removed")),
        ],
        schema.Count(SchemaChangeSeverity.Breaking),
        schema.Count(SchemaChangeSeverity.Dangerous),
        schema.Count(SchemaChangeSeverity.Safe));

    public override string ToString()
    {
        var files = Files.Count == 0 ? "no file changed" : string.Join(", ", Files.Select(f => $"{f.Path} {f.Change}"));
        return $"{files}; schema changes: {Breaking} breaking, {Dangerous} dangerous, {Safe} safe";
    }
}
