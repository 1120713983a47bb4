using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Commerce;

/// <summary>Shoppers by their lower-case e-mail, and each shopper's orders, serialized once.</summary>
internal sealed class CommerceStore
{
    private readonly Dictionary<string, Stored<CommerceCustomer>>.AlternateLookup<ReadOnlySpan<char>> _byEmail;
    private readonly Dictionary<long, Stored<CommerceOrder>[]> _orders;

    public CommerceStore(SampleDataSet data)
    {
        var byEmail = new Dictionary<string, Stored<CommerceCustomer>>(data.CommerceCustomers.Count, StringComparer.Ordinal);
        var orders = new Dictionary<long, List<Stored<CommerceOrder>>>(data.CommerceCustomers.Count);
        foreach (var customer in data.CommerceCustomers)
        {
            byEmail.Add(customer.Email, JsonBytes.Store(customer, CommerceJson.WriteCustomer));
            orders.Add(customer.Id, []);
        }

        foreach (var order in data.CommerceOrders)
        {
            orders[order.CustomerId].Add(JsonBytes.Store(order, CommerceJson.WriteOrder));
        }

        _orders = new Dictionary<long, Stored<CommerceOrder>[]>(orders.Count);
        foreach (var (customerId, list) in orders)
        {
            _orders.Add(customerId, [.. list]);
        }

        _byEmail = byEmail.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Exact, case-sensitive match: the platform stores e-mails lower case and compares them as stored.</summary>
    public Stored<CommerceCustomer>? FindByEmail(ReadOnlySpan<char> email) =>
        _byEmail.TryGetValue(email, out var customer) ? customer : null;

    /// <summary>The shopper's orders, or null for an unknown shopper.</summary>
    public Stored<CommerceOrder>[]? Orders(long customerId) => _orders.GetValueOrDefault(customerId);
}
