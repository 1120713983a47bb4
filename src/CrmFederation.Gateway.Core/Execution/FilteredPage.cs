using System.Globalization;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A page of a type the caller may only see some rows of. What the source can filter, it does (see
/// <see cref="PageNarrowing"/>), and the page is then the source's own; a request no allowed row can
/// meet is answered empty without a call; otherwise the gateway reads the source page after page
/// (<see cref="RowScan"/>), hands out its own cursor, and counts allowed rows for <c>totalCount</c>.
/// </summary>
public static class FilteredPage
{
    public static object? Resolve(PageFieldBinding page, PageRows rows, RowFilter filter, IResolveFieldContext context, RequestScope scope)
    {
        var narrowing = PageNarrowing.Of(filter, rows, context);
        if (narrowing.Nothing)
        {
            return new Entity(FilteredPageBody.Write(rows, [], null, 0, scope), page.Result);
        }

        if (narrowing.Residual is not { } residual)
        {
            var sent = page.SourceParameters(context);
            sent.AddRange(narrowing.Pushed);
            return page.Fetch(sent, scope);
        }

        var parameters = page.SourceParameters(context, rows.First, rows.After);
        parameters.AddRange(narrowing.Pushed);
        var first = rows.First.SourceValues(context) is [var size] ? int.Parse(size, CultureInfo.InvariantCulture) : rows.ScanPageSize;
        var start = StartOf(rows, context);
        var wanted = Selects(context, rows.NodesField) || Selects(context, PageRows.PageInfoField) ? first : 0;
        var counted = rows.Total is not null && Selects(context, PageRows.TotalField);
        var scan = new RowScan(page.Endpoint, rows, new RowTest(residual, null), [parameters], null, scope);
        return new DeferredResult(async cancellationToken =>
        {
            try
            {
                var result = wanted > 0 || counted
                    ? await scan.RunAsync(start, wanted, counted, cancellationToken)
                    : new RowScanResult([], null, null);
                return new Entity(FilteredPageBody.Write(rows, result.Rows, result.Next?.Encode(), result.Count, scope), page.Result);
            }
            catch (SourceException failure)
            {
                throw new SourceFieldError(failure);
            }
        });
    }

    private static ScanPosition StartOf(PageRows rows, IResolveFieldContext context)
    {
        if (rows.After.CursorValue(context) is not { } after)
        {
            return ScanPosition.Start(1, rows.ScanPageSize);
        }

        return ScanPosition.Decode(after, 1, rows.ScanPageSize) ?? throw NotACursor(rows);
    }

    internal static ExecutionError NotACursor(PageRows rows) =>
        new($"Argument '{rows.After.ArgumentName}' is not a cursor this list handed out (for this filter and sort).") { Code = "BAD_USER_INPUT" };

    /// <summary>Whether the connection's selection asks for <paramref name="field"/>; fields behind fragments included.</summary>
    internal static bool Selects(IResolveFieldContext context, string field) =>
        context.SubFields is not { } selected || selected.Values.Any(s => s.Field.Name.StringValue == field);
}
