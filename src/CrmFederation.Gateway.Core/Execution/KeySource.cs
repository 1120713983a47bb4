using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>Where a fetch's key comes from: an argument, a path in the parent's item, or a path in another fetched field's item.</summary>
public sealed record KeySource
{
    public string? Argument { get; init; }

    public JsonPath? Path { get; init; }

    public FetchFieldBinding? Via { get; init; }

    public Func<string, string> Transform { get; init; } = static key => key;
}
