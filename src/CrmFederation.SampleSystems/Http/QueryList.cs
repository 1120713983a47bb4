using Microsoft.Extensions.Primitives;

namespace CrmFederation.SampleSystems.Http;

/// <summary>
/// The items of a list parameter, sent comma-separated (ids=a,b), repeated (ids=a&amp;ids=b) or both,
/// as trimmed non-empty spans, without allocating.
/// </summary>
internal ref struct QueryList
{
    private readonly StringValues _values;
    private int _nextValue;
    private ReadOnlySpan<char> _rest;

    public QueryList(StringValues values) => _values = values;

    public ReadOnlySpan<char> Current { get; private set; }

    public static int Count(StringValues values)
    {
        var count = 0;
        foreach (var _ in new QueryList(values))
        {
            count++;
        }

        return count;
    }

    public readonly QueryList GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_rest.IsEmpty)
            {
                if (_nextValue >= _values.Count)
                {
                    return false;
                }

                _rest = _values[_nextValue++];
                continue;
            }

            var comma = _rest.IndexOf(',');
            var item = comma < 0 ? _rest : _rest[..comma];
            _rest = comma < 0 ? default : _rest[(comma + 1)..];
            item = item.Trim();
            if (!item.IsEmpty)
            {
                Current = item;
                return true;
            }
        }
    }
}
