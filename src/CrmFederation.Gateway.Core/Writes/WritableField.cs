using System.Collections.Frozen;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// One input field of a mutation as it is written: its target, the path in the source's body (the
/// reverse of the read binding's path), the source's spelling of enum values, and the fields of an
/// input object (an address) below it.
/// </summary>
public sealed record WritableField(
    string InputName,
    string Scope,
    ValueRules Rules,
    WriteTarget Target,
    string SourcePath,
    FrozenDictionary<string, string>? ToSource,
    IReadOnlyList<WritableField> Children);
