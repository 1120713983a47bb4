namespace CrmFederation.Gateway.Sources;

/// <summary>
/// The orders a list endpoint returns its rows in: the <see cref="Parameter"/> value per item path and
/// direction, and the path rows come in without it (<see cref="Natural"/>), which breaks every sort's ties in its direction.
/// </summary>
public sealed record SortDefinition(string Parameter, JsonPath Natural, IReadOnlyDictionary<string, (string? Asc, string? Desc)> Fields)
{
    /// <summary>The parameter value sorting by <paramref name="path"/>; null when the endpoint cannot. The natural order needs none ("").</summary>
    public string? ValueFor(string path, bool descending)
    {
        if (path == Natural.Text && !descending)
        {
            return "";
        }

        return Fields.TryGetValue(path, out var values) ? (descending ? values.Desc : values.Asc) : null;
    }

    /// <summary>The path and direction a parameter value sorts by; null for a value the declaration does not name.</summary>
    public (string Path, bool Descending)? Meaning(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (Natural.Text, false);
        }

        foreach (var (path, (asc, desc)) in Fields)
        {
            if (asc == value || desc == value)
            {
                return (path, desc == value);
            }
        }

        return null;
    }
}
