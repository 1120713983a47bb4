using System.Globalization;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Reads a list endpoint page after page from a cursor on, keeping the rows a filter allows: enough to
/// fill a page and tell whether another allowed row follows, or every one to count them. Past the
/// configured number of source rows it fails instead of answering with what it found so far.
/// </summary>
public sealed class RowScan(
    EndpointDefinition endpoint,
    PageRows rows,
    RowFilter filter,
    IReadOnlyList<KeyValuePair<string, string>> parameters,
    RequestScope scope)
{
    /// <param name="wanted">Allowed rows to return.</param>
    /// <param name="countAll">Read to the end and count every allowed row.</param>
    public async Task<RowScanResult> RunAsync(RowScanCursor start, int wanted, bool countAll, CancellationToken cancellationToken)
    {
        var client = scope.ClientFor(endpoint);
        var found = new List<JsonElement>(wanted);
        var position = start;
        RowScanCursor? end = null;
        var more = false;
        var allowed = 0;
        var read = 0;
        while (true)
        {
            if (read >= rows.MaxScanRows)
            {
                throw new RowScanLimitError(rows.Nodes.TypeName, filter, rows.MaxScanRows);
            }

            var body = await client.FetchPageAsync(endpoint, ParametersAt(position), scope, cancellationToken);
            rows.Items.TryResolve(body, out var items);
            var next = rows.Cursor.TryResolve(body, out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                read++;
                if (index++ < position.Skip || !filter.Allows(item))
                {
                    continue;
                }

                allowed++;
                if (found.Count < wanted)
                {
                    found.Add(item);
                    end = position with { Skip = index };
                }
                else if (!more)
                {
                    more = true;
                    if (!countAll)
                    {
                        return new RowScanResult(found, end, null);
                    }
                }
            }

            if (next is null)
            {
                return new RowScanResult(found, more ? end : null, countAll ? allowed : null);
            }

            var following = new RowScanCursor(next, 0, position.PageSize);
            if (end == position with { Skip = index })
            {
                // The page's last row was the last one kept: the next page starts after it, without reading this one again.
                end = following;
            }

            position = following;
        }
    }

    private List<KeyValuePair<string, string>> ParametersAt(RowScanCursor position)
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
}
