using System.Globalization;
using System.Text.Json;
using CrmFederation.Gateway.Filtering;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Reads a list endpoint page after page from a position on, keeping the rows a <see cref="RowTest"/> passes:
/// enough to fill a page and tell whether another follows, or every one to count them. A list split into
/// several calls (<paramref name="branches"/>, one parameter set each) is read call by call, each sorted by the
/// source, and merged in <paramref name="order"/>. Every page read counts against the request's scan budget
/// (gateway.json <c>limits.maxScanRows</c>); past it the scan fails instead of answering with what it found so far.
/// </summary>
public sealed class RowScan(
    EndpointDefinition endpoint,
    PageRows rows,
    RowTest test,
    IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> branches,
    IComparer<JsonElement>? order,
    RequestScope scope,
    ListExplanation? explanation = null,
    string? sortDescription = null)
{
    private int? _sourceTotal;

    /// <param name="start">Where the rows to return begin.</param>
    /// <param name="wanted">Passing rows to return.</param>
    /// <param name="countAll">
    /// Count every passing row: the list is read from its beginning to its end in one pass, the rows before
    /// <paramref name="start"/> counted only, so that a later page's count costs no second scan.
    /// </param>
    public async Task<RowScanResult> RunAsync(ScanPosition start, int wanted, bool countAll, CancellationToken cancellationToken)
    {
        if (countAll && test.PassesAll && branches.Count == 1 && rows.Total is not null && start.Branches[0] is not null)
        {
            // Every row passes: the source's own total is the count, and no page beyond the wanted rows is read for it.
            var page = await RunAsync(start, wanted, countAll: false, cancellationToken);
            return page with { Count = _sourceTotal ?? (await RunAsync(start, 0, countAll: true, cancellationToken)).Count };
        }

        var pageSize = start.Branches.FirstOrDefault(b => b is not null)?.PageSize ?? rows.ScanPageSize;
        var state = branches.Select((parameters, i) => new Branch(parameters, start.Branches[i], countAll ? RowScanCursor.Start(pageSize) : start.Branches[i])).ToList();
        var found = new List<JsonElement>(Math.Min(wanted, 1000));
        var counted = 0;
        var more = false;
        while (true)
        {
            if (found.Count == wanted && !countAll)
            {
                more = await AnyMoreAsync(state, cancellationToken);
                break;
            }

            if (await NextAsync(state, cancellationToken) is not { } branch)
            {
                break;
            }

            var (row, after, returnable) = branch.Ready.Dequeue();
            counted++;
            if (!returnable)
            {
                continue;
            }

            if (found.Count < wanted)
            {
                found.Add(row);
                branch.Resume = after;
            }
            else
            {
                more = true;
            }
        }

        var next = more ? new ScanPosition([.. state.Select(b => b.Resume)]) : null;
        return new RowScanResult(found, next, countAll ? counted : null);
    }

    /// <summary>The call whose next passing row comes first, every call having been read up to its next passing row; null when all are read to the end.</summary>
    private async Task<Branch?> NextAsync(List<Branch> state, CancellationToken cancellationToken)
    {
        await Task.WhenAll(state.Where(b => b.Ready.Count == 0 && b.Position is not null).Select(b => FillAsync(b, cancellationToken)));
        Branch? next = null;
        foreach (var branch in state.Where(b => b.Ready.Count > 0))
        {
            if (next is null || (order is not null && order.Compare(branch.Ready.Peek().Row, next.Ready.Peek().Row) < 0))
            {
                next = branch;
            }
        }

        return next;
    }

    /// <summary>Whether a passing row follows; without a test, a next page says so without reading it.</summary>
    private async Task<bool> AnyMoreAsync(List<Branch> state, CancellationToken cancellationToken)
    {
        if (state.Any(b => b.Ready.Count > 0) || (test.PassesAll && state.Any(b => b.Position is not null)))
        {
            return true;
        }

        foreach (var branch in state.Where(b => b.Position is not null))
        {
            await FillAsync(branch, cancellationToken);
            if (branch.Ready.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the call's pages until one holds a passing row, or the call ends.</summary>
    private async Task FillAsync(Branch branch, CancellationToken cancellationToken)
    {
        var client = scope.ClientFor(endpoint);
        while (branch.Ready.Count == 0 && branch.Position is { } position)
        {
            if (scope.ScannedRows >= scope.Limits.MaxScanRows)
            {
                throw new RowScanLimitError(rows.Nodes.TypeName, Unpushed(), scope.Limits.MaxScanRows);
            }

            var body = await client.FetchPageAsync(endpoint, ParametersAt(branch.Parameters, position), scope, cancellationToken);
            var items = rows.Items.TryResolve(body, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().ToList() : [];
            var next = rows.Cursor.TryResolve(body, out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
            scope.Scanned(items.Count);
            explanation?.PageRead(items.Count);
            if (rows.Total is { } total && total.TryResolve(body, out var count) && count.TryGetInt32(out var sourceTotal))
            {
                _sourceTotal = sourceTotal;
            }

            // The page's last row is followed by the next page's first, so a position never points past a page's end.
            var following = next is null ? null : new RowScanCursor(next, 0, position.PageSize);
            var returnableFrom = branch.ReturnableFrom(position);
            var passed = await test.TestAsync(items, position.Skip, scope);
            for (var i = position.Skip; i < items.Count; i++)
            {
                if (passed[i])
                {
                    branch.Ready.Enqueue((items[i], i + 1 < items.Count ? position with { Skip = i + 1 } : following, i >= returnableFrom));
                }
            }

            if (branch.Ready.Count == 0 && branch.Resume == position)
            {
                // Nothing on the page passes: a later page of this list need not read it again.
                branch.Resume = following;
            }

            branch.Position = following;
        }
    }

    private string Unpushed() => string.Join(" and ", new[] { test.Describe(), sortDescription }.Where(d => !string.IsNullOrEmpty(d)));

    private List<KeyValuePair<string, string>> ParametersAt(IReadOnlyList<KeyValuePair<string, string>> parameters, RowScanCursor position)
    {
        var sent = new List<KeyValuePair<string, string>>(parameters)
        {
            new(rows.First.Parameter!, position.PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (position.After is { } after)
        {
            sent.Add(new(rows.After.Parameter!, after));
        }

        return sent;
    }

    /// <summary>
    /// One call of the list: its parameters, the page it reads next, the passing rows read but not yet handed
    /// out, and where a later page resumes (at first, where the rows to return begin: <paramref name="from"/>).
    /// </summary>
    private sealed class Branch
    {
        private readonly RowScanCursor? _from;
        private bool _reached;

        public Branch(IReadOnlyList<KeyValuePair<string, string>> parameters, RowScanCursor? from, RowScanCursor? read)
        {
            Parameters = parameters;
            _from = from;
            _reached = read == from;
            Position = read;
            Resume = from;
        }

        public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

        public RowScanCursor? Position { get; set; }

        public RowScanCursor? Resume { get; set; }

        public Queue<(JsonElement Row, RowScanCursor? After, bool Returnable)> Ready { get; } = new();

        /// <summary>The index of the page at <paramref name="position"/> from which its rows may be returned; past the page while the rows to return have not begun.</summary>
        public int ReturnableFrom(RowScanCursor position)
        {
            if (!_reached && _from is not null && position.After == _from.After)
            {
                _reached = true;
                return _from.Skip;
            }

            return _reached ? 0 : int.MaxValue;
        }
    }
}
