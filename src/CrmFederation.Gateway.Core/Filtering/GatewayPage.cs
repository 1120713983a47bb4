using System.Globalization;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// A page of a list with <c>where</c> or <c>order</c>, answered as its <see cref="ListPlan"/> says: the source's own
/// page when everything was sent to it in one call; otherwise the gateway reads the list (<see cref="RowScan"/>),
/// merging split calls, checking what the source could not, and hands out its own cursor, which carries each
/// call's position (or, when the gateway sorts, the offset) and the plan's fingerprint. totalCount counts every
/// passing row within the request's scan budget; past it the list fails with FILTER_SCAN_LIMIT.
/// </summary>
public static class GatewayPage
{
    private const char FingerprintEnd = ':';
    private const char OffsetMark = '@';

    public static object? Resolve(PageFieldBinding page, PageRows rows, IResolveFieldContext context, RequestScope scope)
    {
        var plan = ListPlanner.Plan(page, rows, context, scope);
        scope.Explanations.Enqueue(plan.Explanation);
        if (plan.Nothing)
        {
            return new Entity(FilteredPageBody.Write(rows, [], null, 0, scope), page.Result);
        }

        var first = rows.PageSize(context, scope);
        if (!plan.NeedsScan && first <= rows.ScanPageSize)
        {
            var sent = plan.Parameters.ToList();
            sent.Add(new(rows.First.Parameter!, first.ToString(CultureInfo.InvariantCulture)));
            if (rows.After.CursorValue(context) is { } after)
            {
                sent.Add(new(rows.After.Parameter!, after));
            }

            return page.Fetch(sent, scope);
        }

        var scan = new RowScan(page.Endpoint, rows, plan.Test, plan.Branches, plan.SourceOrder, scope, plan.Explanation,
            plan.GatewaySort is { } sort ? "sort by " + sort.Describe() : null);
        var cursor = OpenCursor(rows, plan, context);
        var wanted = FilteredPage.Selects(context, rows.NodesField) || FilteredPage.Selects(context, PageRows.PageInfoField) ? first : 0;
        var counted = rows.Total is not null && FilteredPage.Selects(context, PageRows.TotalField);
        return new DeferredResult(async cancellationToken =>
        {
            try
            {
                var body = plan.GatewaySort is { } order
                    ? await SortedAsync(scan, order, rows, plan, cursor, first, scope, cancellationToken)
                    : await ScannedAsync(scan, rows, plan, cursor, wanted, counted, scope, cancellationToken);
                return new Entity(body, page.Result);
            }
            catch (SourceException failure)
            {
                throw new SourceFieldError(failure);
            }
        });
    }

    private static async Task<System.Text.Json.JsonElement> ScannedAsync(
        RowScan scan, PageRows rows, ListPlan plan, string? cursor, int wanted, bool counted, RequestScope scope, CancellationToken cancellationToken)
    {
        var start = cursor is null
            ? ScanPosition.Start(plan.Branches.Count, rows.ScanPageSize)
            : ScanPosition.Decode(cursor, plan.Branches.Count, rows.ScanPageSize) ?? throw FilteredPage.NotACursor(rows);
        var result = wanted > 0 || counted
            ? await scan.RunAsync(start, wanted, counted, cancellationToken)
            : new RowScanResult([], null, null);
        var next = result.Next is { } position ? plan.Fingerprint + FingerprintEnd + position.Encode() : null;
        return FilteredPageBody.Write(rows, result.Rows, next, result.Count, scope);
    }

    /// <summary>Reads every passing row, sorts them (stable, so equal rows keep the source's order) and answers the page at the cursor's offset.</summary>
    private static async Task<System.Text.Json.JsonElement> SortedAsync(
        RowScan scan, RowOrder order, PageRows rows, ListPlan plan, string? cursor, int first, RequestScope scope, CancellationToken cancellationToken)
    {
        var offset = 0;
        if (cursor is not null && (cursor.Length < 2 || cursor[0] != OffsetMark || !int.TryParse(cursor.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            throw FilteredPage.NotACursor(rows);
        }

        var all = await scan.RunAsync(ScanPosition.Start(plan.Branches.Count, rows.ScanPageSize), int.MaxValue, countAll: false, cancellationToken);
        var sorted = all.Rows.Order(order).ToList();
        var end = Math.Min(sorted.Count, offset + first);
        var page = offset < sorted.Count ? sorted.GetRange(offset, end - offset) : [];
        var next = end < sorted.Count ? $"{plan.Fingerprint}{FingerprintEnd}{OffsetMark}{end.ToString(CultureInfo.InvariantCulture)}" : null;
        return FilteredPageBody.Write(rows, page, next, sorted.Count, scope);
    }

    /// <summary>The gateway's position in <c>after</c>, with the plan's fingerprint checked and taken off; null on the first page.</summary>
    private static string? OpenCursor(PageRows rows, ListPlan plan, IResolveFieldContext context)
    {
        if (rows.After.CursorValue(context) is not { } after)
        {
            return null;
        }

        var end = after.IndexOf(FingerprintEnd, StringComparison.Ordinal);
        return end > 0 && after.AsSpan(0, end).SequenceEqual(plan.Fingerprint) ? after[(end + 1)..] : throw FilteredPage.NotACursor(rows);
    }
}
