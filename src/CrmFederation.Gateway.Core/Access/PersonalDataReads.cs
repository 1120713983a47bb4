namespace CrmFederation.Gateway.Access;

/// <summary>
/// The personal fields one request returned, and whose data they were: what its audit record says. The
/// sets are made on the first personal field, so a request without one pays nothing.
/// </summary>
public sealed class PersonalDataReads
{
    private readonly Lock _gate = new();
    private HashSet<string>? _fields;
    private HashSet<string>? _subjects;

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _fields is null;
            }
        }
    }

    public IReadOnlyList<string> Fields => Sorted(ref _fields);

    /// <summary>The ids of the subjects (customers) whose personal fields were returned.</summary>
    public IReadOnlyList<string> Subjects => Sorted(ref _subjects);

    public void Record(string field, string? subject)
    {
        lock (_gate)
        {
            (_fields ??= new HashSet<string>(StringComparer.Ordinal)).Add(field);
            if (subject is not null)
            {
                (_subjects ??= new HashSet<string>(StringComparer.Ordinal)).Add(subject);
            }
        }
    }

    private List<string> Sorted(ref HashSet<string>? set)
    {
        lock (_gate)
        {
            return set is null ? [] : set.Order(StringComparer.Ordinal).ToList();
        }
    }
}
