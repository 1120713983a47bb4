namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// Commerce shoppers (id 7000001…) for about half of the CRM customers that have a primary e-mail,
/// stored lower case, with about six orders each. Order ids (6000001…) and names ("#1001"…) follow
/// the order of creation across the whole shop, as a shop numbers them.
/// </summary>
internal static class CommerceGenerator
{
    private static readonly string[] FinancialStatuses = ["pending", "paid", "refunded"];
    private static readonly int[] FinancialWeights = [10, 80, 10];

    public static CommerceGeneration Generate(Random random, CrmGeneration crm)
    {
        var shoppers = new List<(CommerceCustomer Customer, CustomerTraits Traits)>();
        var drafts = new List<OrderDraft>();
        for (var i = 0; i < crm.Customers.Count; i++)
        {
            var customer = crm.Customers[i];
            if (customer.PrimaryEmail is null || !random.Chance(0.5))
            {
                continue;
            }

            var traits = crm.Traits[i];
            var id = 7_000_001L + shoppers.Count;
            var createdAt = random.Between(customer.CreatedAt, DataClock.Now.AddDays(-30));
            shoppers.Add((new CommerceCustomer(id, customer.PrimaryEmail.ToLowerInvariant(), traits.FirstName, traits.LastName, 0, 0m, traits.Currency, createdAt), traits));
            var count = random.Next(1, 12);
            for (var n = 0; n < count; n++)
            {
                drafts.Add(Draft(random, id, traits.Currency, createdAt, drafts.Count));
            }
        }

        drafts.Sort(static (a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Sequence.CompareTo(b.Sequence));
        var orders = new List<CommerceOrder>(drafts.Count);
        var totals = new Dictionary<long, (int Count, decimal Spent)>();
        foreach (var draft in drafts)
        {
            orders.Add(new CommerceOrder(
                6_000_001L + orders.Count,
                draft.CustomerId,
                $"#{1001 + orders.Count}",
                ShopClock.ToShopTime(draft.CreatedAt),
                draft.Total,
                draft.Currency,
                draft.FinancialStatus,
                draft.FulfillmentStatus));
            var (count, spent) = totals.GetValueOrDefault(draft.CustomerId);
            totals[draft.CustomerId] = (count + 1, draft.FinancialStatus == "paid" ? spent + draft.Total : spent);
        }

        var customers = new List<CommerceCustomer>(shoppers.Count);
        foreach (var (shopper, _) in shoppers)
        {
            var (count, spent) = totals.GetValueOrDefault(shopper.Id);
            customers.Add(shopper with { OrdersCount = count, TotalSpent = spent, CreatedAt = ShopClock.ToShopTime(shopper.CreatedAt) });
        }

        return new CommerceGeneration(customers, orders);
    }

    private static OrderDraft Draft(Random random, long customerId, string currency, DateTimeOffset since, int sequence)
    {
        var financial = random.PickWeighted(FinancialStatuses, FinancialWeights);
        var roll = random.NextDouble();
        var fulfillment = financial switch
        {
            "paid" => roll < 0.75 ? "fulfilled" : roll < 0.85 ? "partial" : null,
            "refunded" => roll < 0.5 ? "fulfilled" : null,
            _ => null,
        };
        return new OrderDraft(customerId, random.Between(since, DataClock.Now), random.Money(15m, 900m), currency, financial, fulfillment, sequence);
    }

    private sealed record OrderDraft(
        long CustomerId,
        DateTimeOffset CreatedAt,
        decimal Total,
        string Currency,
        string FinancialStatus,
        string? FulfillmentStatus,
        int Sequence);
}
