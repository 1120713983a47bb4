using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>Where a fetch's key comes from: an argument, a path in the parent's item, or a path in another fetched field's item.</summary>
public sealed record KeySource
{
    public string? Argument { get; init; }

    public JsonPath? Path { get; init; }

    public FetchFieldBinding? Via { get; init; }

    public Func<string, string> Transform { get; init; } = static key => key;

    /// <summary>For a list argument: the most keys one lookup may ask for; null for other keys.</summary>
    public int? MaxKeys { get; init; }

    /// <summary>The bound of a list argument key that sets none: a lookup of 10,000 ids is not a lookup but a scan.</summary>
    public const int DefaultMaxKeys = 100;
}
