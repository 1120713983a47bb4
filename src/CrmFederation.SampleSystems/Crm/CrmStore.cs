using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// The CRM's live records, serialized once and indexed by id. A PATCH swaps one customer's
/// <see cref="Stored{T}"/> under a lock and bumps <see cref="Version"/>, which invalidates the
/// cached list views.
/// </summary>
internal sealed class CrmStore
{
    private readonly Stored<CrmCustomer>[] _customers;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexById;
    private readonly Dictionary<string, byte[][]>.AlternateLookup<ReadOnlySpan<char>> _contacts;
    private readonly Dictionary<string, byte[][]>.AlternateLookup<ReadOnlySpan<char>> _deals;
    private readonly TimeProvider _time;
    private readonly Lock _writeGate = new();
    private int _version;

    public CrmStore(SampleDataSet data, TimeProvider time)
    {
        _time = time;
        _customers = new Stored<CrmCustomer>[data.CrmCustomers.Count];
        var indexById = new Dictionary<string, int>(_customers.Length, StringComparer.Ordinal);
        for (var i = 0; i < _customers.Length; i++)
        {
            _customers[i] = JsonBytes.Store(data.CrmCustomers[i], CrmJson.WriteCustomer);
            indexById.Add(data.CrmCustomers[i].Id, i);
        }

        _indexById = indexById.GetAlternateLookup<ReadOnlySpan<char>>();
        _contacts = GroupByCustomer(data.CrmContacts, c => c.CustomerId, CrmJson.WriteContact);
        _deals = GroupByCustomer(data.CrmDeals, d => d.CustomerId, CrmJson.WriteDeal);
    }

    public int Count => _customers.Length;

    /// <summary>Changes with every PATCH; list views computed at an older version are stale.</summary>
    public int Version => Volatile.Read(ref _version);

    public Stored<CrmCustomer> At(int index) => Volatile.Read(ref _customers[index]);

    public bool TryFind(ReadOnlySpan<char> id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>The customer's contacts' JSON, or null for an unknown customer.</summary>
    public byte[][]? Contacts(ReadOnlySpan<char> customerId) => Related(_contacts, customerId);

    public byte[][]? Deals(ReadOnlySpan<char> customerId) => Related(_deals, customerId);

    /// <summary>Applies <paramref name="change"/> to the customer at <paramref name="index"/>, stamping <c>updatedAt</c>.</summary>
    public Stored<CrmCustomer> Update(int index, Func<CrmCustomer, CrmCustomer> change)
    {
        lock (_writeGate)
        {
            var now = _time.GetUtcNow();
            var updatedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var updated = JsonBytes.Store(change(_customers[index].Value) with { UpdatedAt = updatedAt }, CrmJson.WriteCustomer);
            Volatile.Write(ref _customers[index], updated);
            Interlocked.Increment(ref _version);
            return updated;
        }
    }

    private byte[][]? Related(Dictionary<string, byte[][]>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> customerId)
    {
        if (lookup.TryGetValue(customerId, out var items))
        {
            return items;
        }

        return _indexById.ContainsKey(customerId) ? [] : null;
    }

    private static Dictionary<string, byte[][]>.AlternateLookup<ReadOnlySpan<char>> GroupByCustomer<T>(
        IReadOnlyList<T> records, Func<T, string> customerId, Action<System.Text.Json.Utf8JsonWriter, T> write)
    {
        var groups = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var key = customerId(record);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = new List<byte[]>(4);
            }

            list.Add(JsonBytes.Write(record, write));
        }

        var grouped = new Dictionary<string, byte[][]>(groups.Count, StringComparer.Ordinal);
        foreach (var (key, list) in groups)
        {
            grouped[key] = [.. list];
        }

        return grouped.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
