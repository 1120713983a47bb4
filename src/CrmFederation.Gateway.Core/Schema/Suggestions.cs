namespace CrmFederation.Gateway.Schema;

/// <summary>Hints for misspelt names: the close known names, or the list of known names.</summary>
public static class Suggestions
{
    public static string For(string name, IEnumerable<string> known)
    {
        var candidates = known.ToList();
        var close = candidates.Where(k => k.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(k, StringComparison.OrdinalIgnoreCase)
            || Distance(k.ToLowerInvariant(), name.ToLowerInvariant()) <= 2).ToList();
        return close.Count > 0 ? $"Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : $"Known: {string.Join(", ", candidates.Order())}.";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
