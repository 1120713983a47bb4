using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// What the gateway needs to answer a page itself (a row policy, a where or order the source cannot apply, a
/// page larger than the source's): where the rows, the next
/// cursor and the total are in the source's body, and which arguments set the page size and the cursor.
/// Read from the connection's compiled bindings by the cursor-connection names the public schema uses
/// (<c>first</c>, <c>after</c>, <c>totalCount</c>, <c>pageInfo { hasNextPage endCursor }</c>).
/// </summary>
public sealed class PageRows
{
    public const string FirstArgument = "first";
    public const string AfterArgument = "after";
    public const string TotalField = "totalCount";
    public const string PageInfoField = "pageInfo";
    public const string EndCursorField = "endCursor";
    public const string HasNextPageField = "hasNextPage";

    /// <summary>The listed type, whose row policy applies.</summary>
    public required ObjectBinding Nodes { get; init; }

    /// <summary>The connection field that lists the rows (<c>nodes</c>).</summary>
    public required string NodesField { get; init; }

    /// <summary>The rows in the source's body (<c>results</c>).</summary>
    public required JsonPath Items { get; init; }

    /// <summary>The next page's cursor in the source's body, which <c>endCursor</c> reads (<c>paging.next.after</c>).</summary>
    public required JsonPath Cursor { get; init; }

    /// <summary>Where <c>hasNextPage</c> reads a Boolean; null when it is the presence of <see cref="Cursor"/>.</summary>
    public JsonPath? HasNext { get; init; }

    /// <summary>Where <c>totalCount</c> reads the total; null when the connection has none.</summary>
    public JsonPath? Total { get; init; }

    /// <summary>The page size argument; its maximum is the page size the gateway reads the source with.</summary>
    public required ArgumentBinding First { get; init; }

    public required ArgumentBinding After { get; init; }

    /// <summary>Field name of the listed type to the argument the source matches exactly against it.</summary>
    public required IReadOnlyDictionary<string, ArgumentBinding> ExactMatches { get; init; }

    public int ScanPageSize => First.Max!.Value;

    /// <summary>
    /// The request's page size (<c>first</c>, its default included): within the binding's min and max, or up to
    /// the caller's role maximum (<see cref="RequestScope.MaxPageSize"/>), which the gateway fills from several source pages.
    /// </summary>
    public int PageSize(GraphQL.IResolveFieldContext context, RequestScope scope)
    {
        if (First.Value(context) is int requested && requested > ScanPageSize && requested <= (scope.MaxPageSize ?? 0))
        {
            return requested;
        }

        return First.SourceValues(context) is [var size] ? int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) : ScanPageSize;
    }

    /// <summary>True when the request asks for a page larger than one source page, which only the gateway can fill.</summary>
    public bool IsLargerThanASourcePage(GraphQL.IResolveFieldContext context) => First.Value(context) is int requested && requested > ScanPageSize;

    /// <summary>The page's row-scan description, or null with the reason the gateway could not scan it.</summary>
    public static PageRows? TryCreate(PageFieldBinding page, out string problem)
    {
        var connection = page.Result;
        var fields = connection.Fields;
        var nodes = page.NodesField();
        var first = page.Arguments.FirstOrDefault(a => a.ArgumentName == FirstArgument && a.Parameter is not null && a.Max is not null);
        var after = page.Arguments.FirstOrDefault(a => a.ArgumentName == AfterArgument && a.Parameter is not null);
        var pageInfo = fields.GetValueOrDefault(PageInfoField) as NestedObjectFieldBinding;
        var endCursorPath = pageInfo?.Binding.Fields.GetValueOrDefault(EndCursorField) switch
        {
            PathFieldBinding plain => plain.Path,
            CursorFieldBinding sealedCursor => sealedCursor.Path,
            _ => null,
        };
        var cursor = endCursorPath is null ? null : Join(pageInfo!.Path, endCursorPath);
        problem = (nodes, first, after, cursor) switch
        {
            (null, _, _, _) => $"{connection.TypeName} has no list field bound to the path of {page.Endpoint.DisplayName}'s items ({page.Endpoint.Items?.Text ?? "none"})",
            (_, null, _, _) => $"its argument '{FirstArgument}' is not bound to a parameter with a max (the page size the gateway reads the source with)",
            (_, _, null, _) => $"its argument '{AfterArgument}' is not bound to a parameter (the source's cursor)",
            (_, _, _, null) => $"{connection.TypeName}.{PageInfoField}.{EndCursorField} is not bound by path to the source's next cursor",
            _ => "",
        };
        if (problem.Length > 0)
        {
            return null;
        }

        JsonPath? hasNext = null;
        switch (pageInfo!.Binding.Fields.GetValueOrDefault(HasNextPageField))
        {
            case null:
            case PresenceFieldBinding presence when Join(pageInfo.Path, presence.Path).Text == cursor!.Text:
                break;
            case PathFieldBinding { Converter.Kind: ValueKind.Boolean } flag:
                hasNext = Join(pageInfo.Path, flag.Path);
                break;
            default:
                problem = $"{connection.TypeName}.{PageInfoField}.{HasNextPageField} is neither the presence of the next cursor nor a Boolean path";
                return null;
        }

        JsonPath? total = null;
        switch (fields.GetValueOrDefault(TotalField))
        {
            case null:
                break;
            case PathFieldBinding count:
                total = count.Path;
                break;
            default:
                problem = $"{connection.TypeName}.{TotalField} is not bound by path";
                return null;
        }

        var exactMatches = new Dictionary<string, ArgumentBinding>(StringComparer.Ordinal);
        foreach (var argument in page.Arguments.Where(a => a.ExactMatchOn is not null))
        {
            exactMatches.TryAdd(argument.ExactMatchOn!, argument);
        }

        return new PageRows
        {
            Nodes = nodes!.Binding,
            NodesField = fields.First(f => f.Value == nodes).Key,
            Items = nodes.Path,
            Cursor = cursor!,
            HasNext = hasNext,
            Total = total,
            First = first!,
            After = after!,
            ExactMatches = exactMatches,
        };
    }

    private static JsonPath Join(JsonPath parent, JsonPath child) =>
        parent.Text.Length == 0 ? child : JsonPath.Parse(parent.Text + "." + child.Text);
}
