using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>One GraphQL argument compiled from gateway-config: a query parameter, a local filter, or a per-key take.</summary>
public sealed class ArgumentBinding
{
    public required string ArgumentName { get; init; }

    public string? Parameter { get; init; }

    public JsonPath? Filter { get; init; }

    public bool Take { get; init; }

    /// <summary>GraphQL enum value → the source's spelling (the inverse of the field's enum map).</summary>
    public FrozenDictionary<string, string>? ToSource { get; init; }

    public int? Min { get; init; }

    public int? Max { get; init; }

    /// <summary>The argument's value as the source spells it (list values joined), or null when the argument is absent.</summary>
    public IReadOnlyList<string>? SourceValues(IResolveFieldContext context)
    {
        if (context.Arguments is null || !context.Arguments.TryGetValue(ArgumentName, out var argument) || argument.Value is not { } raw)
        {
            return null;
        }

        if (raw is IEnumerable items and not string)
        {
            return items.Cast<object>().Select(ToSourceText).ToList();
        }

        CheckRange(raw);
        return [ToSourceText(raw)];
    }

    private void CheckRange(object raw)
    {
        if (raw is int number && ((Min is { } min && number < min) || (Max is { } max && number > max)))
        {
            throw new ExecutionError($"Argument '{ArgumentName}' must be between {Min} and {Max}; it was {number}.") { Code = "BAD_USER_INPUT" };
        }
    }

    private string ToSourceText(object value) => value switch
    {
        string text when ToSource is not null => ToSource.TryGetValue(text, out var spelled)
            ? spelled
            : throw new ExecutionError($"Argument '{ArgumentName}' has no source mapping for '{text}'.") { Code = "BAD_USER_INPUT" },
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime instant => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
