using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The personal fields one request returned, and whose data they were: what its audit record says.
/// Subjects are kept as the objects themselves (a customer's contacts share it) and their ids read once,
/// when the record is written; the sets are made on the first personal field, so a request without one pays nothing.
/// </summary>
public sealed class PersonalDataReads
{
    private readonly Lock _gate = new();
    private HashSet<string>? _fields;
    private HashSet<Entity>? _subjects;

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

    public IReadOnlyList<string> Fields
    {
        get
        {
            lock (_gate)
            {
                return _fields is null ? [] : _fields.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    public void Record(string field, Entity? subject)
    {
        lock (_gate)
        {
            (_fields ??= new HashSet<string>(StringComparer.Ordinal)).Add(field);
            if (subject is not null)
            {
                (_subjects ??= new HashSet<Entity>(ReferenceEqualityComparer.Instance)).Add(subject);
            }
        }
    }

    /// <summary>The ids of the subjects (customers) whose personal fields were returned; read while their documents are still alive.</summary>
    public IReadOnlyList<string> SubjectIds(PersonalDataSubject subject)
    {
        lock (_gate)
        {
            return _subjects is null
                ? []
                : _subjects.Select(entity => subject.Id.KeyOf(entity.Json)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
    }
}
