namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// How one list field was answered (the <c>explain</c> extension): the predicates and sort sent to the list's
/// source as which parameters, those the gateway checked (with the lookups they took in other sources), how
/// many calls the list was split into (an <c>in</c>), and what the scan read. Counters are updated as the scan runs.
/// </summary>
public sealed class ListExplanation(string path, string source)
{
    private int _rowsScanned;
    private int _sourcePages;

    public string Path { get; } = path;

    public string Source { get; } = source;

    public List<(string Predicate, string Parameters)> Pushed { get; } = [];

    public List<string> Gateway { get; } = [];

    public List<(string Predicate, string Source, string Parameters)> Lookups { get; } = [];

    public string? Sort { get; set; }

    public string SortBy { get; set; } = "source";

    public int Branches { get; set; } = 1;

    public bool Empty { get; set; }

    public int RowsScanned => Volatile.Read(ref _rowsScanned);

    public int SourcePages => Volatile.Read(ref _sourcePages);

    public void PageRead(int rows)
    {
        Interlocked.Add(ref _rowsScanned, rows);
        Interlocked.Increment(ref _sourcePages);
    }

    public Dictionary<string, object?> ToDictionary() => new()
    {
        ["path"] = Path,
        ["source"] = Source,
        ["pushedDown"] = Pushed.Select(p => new Dictionary<string, object?> { ["predicate"] = p.Predicate, ["parameters"] = p.Parameters }).ToList(),
        ["gateway"] = Gateway,
        ["lookups"] = Lookups.Select(l => new Dictionary<string, object?> { ["predicate"] = l.Predicate, ["source"] = l.Source, ["parameters"] = l.Parameters }).ToList(),
        ["sort"] = Sort is null ? null : new Dictionary<string, object?> { ["keys"] = Sort, ["by"] = SortBy },
        ["calls"] = Branches,
        ["answeredEmptyWithoutCall"] = Empty,
        ["rowsScanned"] = RowsScanned,
        ["sourcePages"] = SourcePages,
    };
}
