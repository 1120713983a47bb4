namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Where a scan of one or more calls of a list stopped: each call's <see cref="RowScanCursor"/>, null for a
/// call read to its end. A list split into several calls (an <c>in</c> the source takes one value of) keeps
/// one position per call, in the order of the values.
/// </summary>
public sealed record ScanPosition(IReadOnlyList<RowScanCursor?> Branches)
{
    private const char Separator = '~';
    private const string Ended = "-";

    public bool IsStart => Branches.All(b => b is { IsStart: true });

    public static ScanPosition Start(int branches, int pageSize) => new(Enumerable.Repeat<RowScanCursor?>(RowScanCursor.Start(pageSize), branches).ToList());

    public string Encode() => string.Join(Separator, Branches.Select(b => b?.Encode() ?? Ended));

    /// <summary>The position <paramref name="text"/> encodes for a list of <paramref name="branches"/> calls, or null when it is none the gateway handed out.</summary>
    public static ScanPosition? Decode(string text, int branches, int maxPageSize)
    {
        var parts = text.Split(Separator);
        if (parts.Length != branches)
        {
            return null;
        }

        var decoded = new List<RowScanCursor?>(parts.Length);
        foreach (var part in parts)
        {
            if (part == Ended)
            {
                decoded.Add(null);
            }
            else if (RowScanCursor.Decode(part, maxPageSize) is { } cursor)
            {
                decoded.Add(cursor);
            }
            else
            {
                return null;
            }
        }

        return new ScanPosition(decoded);
    }
}
