using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;

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

    /// <summary>Page arguments: the field of the listed type whose value the source matches exactly against this argument.</summary>
    public string? ExactMatchOn { get; init; }

    /// <summary>The number of rows of a page binding (<c>first</c>): what the cost model expects the page to hold.</summary>
    public bool PageSize { get; init; }

    /// <summary>Page arguments: the input object filtering the listed rows (<c>where</c>), planned by <see cref="Filtering.ListPlanner"/>.</summary>
    public bool IsWhere { get; init; }

    /// <summary>Page arguments: the list of sort keys (<c>order</c>), planned by <see cref="Filtering.ListPlanner"/>.</summary>
    public bool IsOrder { get; init; }

    /// <summary>Set when the argument takes a cursor the gateway sealed for this purpose (<see cref="CursorSeal"/>); it is opened before it is sent.</summary>
    public string? CursorPurpose { get; init; }

    /// <summary>The argument's value as the source spells it (list values joined), or null when the argument is absent.</summary>
    public IReadOnlyList<string>? SourceValues(IResolveFieldContext context)
    {
        if (Value(context) is not { } raw)
        {
            return null;
        }

        if (raw is IEnumerable items and not string)
        {
            return items.Cast<object>().Select(ToSourceText).ToList();
        }

        CheckRange(raw);
        return CursorPurpose is { } purpose ? [OpenCursor(purpose, raw, context)] : [ToSourceText(raw)];
    }

    /// <summary>The argument's GraphQL value (an enum as its name), or null when the argument is absent.</summary>
    public object? Value(IResolveFieldContext context) => ValueOf(context.Arguments, context.FieldDefinition.Arguments);

    /// <summary>A GraphQL value of this argument as the source spells it; false for an enum name the source has no spelling for.</summary>
    public bool TryToSource(string value, out string spelled)
    {
        if (ToSource is null)
        {
            spelled = value;
            return true;
        }

        return ToSource.TryGetValue(value, out spelled!);
    }

    /// <summary>
    /// The argument's value in this request, null when absent. An explicit null is the schema's default, with
    /// the same bounds: <c>first: null</c> is <c>first: 20</c>, not "whatever the source does without a limit".
    /// </summary>
    public object? ValueOf(IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions) =>
        arguments is not null && arguments.TryGetValue(ArgumentName, out var argument)
            ? argument.Value ?? definitions?.Find(ArgumentName)?.DefaultValue
            : null;

    /// <summary>The Int value the cost model assumes: the argument's (or default's) value held within min and max, as the request will be.</summary>
    public int? BoundedInt(IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions) =>
        ValueOf(arguments, definitions) is int value ? Math.Clamp(value, Min ?? int.MinValue, Max ?? int.MaxValue) : null;

    /// <summary>A cursor argument's value, opened when the gateway sealed it; null when absent.</summary>
    public string? CursorValue(IResolveFieldContext context) => Value(context) switch
    {
        null => null,
        var raw when CursorPurpose is { } purpose => OpenCursor(purpose, raw, context),
        var raw => raw as string,
    };

    private string OpenCursor(string purpose, object raw, IResolveFieldContext context) =>
        raw is string text && RequestScope.Of(context).Cursors.TryOpen(purpose, text, out var cursor)
            ? cursor
            : throw new ExecutionError($"Invalid cursor: '{ArgumentName}' takes only a cursor this gateway handed out (pageInfo.endCursor).") { Code = "BAD_USER_INPUT" };

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
