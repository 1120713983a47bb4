namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// Helpdesk organizations (id 9000001…) for about 70% of the CRM customers, about five tickets each,
/// and five organizations spread over the id range with 120–250 mostly solved or closed tickets, more
/// than one page holds, so callers must follow <c>next_page</c>.
/// </summary>
internal static class HelpdeskGenerator
{
    public const int BusyOrganizationCount = 5;

    private static readonly string[] Statuses = ["new", "open", "pending", "solved", "closed"];
    private static readonly int[] UsualStatusWeights = [10, 25, 15, 30, 20];
    private static readonly int[] BusyStatusWeights = [3, 6, 6, 35, 50];
    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];
    private static readonly int[] PriorityWeights = [25, 50, 18, 7];
    private static readonly string[] Scores = ["good", "bad", "unoffered"];
    private static readonly int[] ScoreWeights = [60, 15, 25];
    private static readonly DateTimeOffset FirstTicket = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static HelpdeskGeneration Generate(Random random, CrmGeneration crm)
    {
        var members = new List<int>();
        for (var i = 0; i < crm.Customers.Count; i++)
        {
            if (random.Chance(0.7))
            {
                members.Add(i);
            }
        }

        var busy = BusyMembers(members, crm.Customers.Count);
        var generation = new HelpdeskGeneration(new(members.Count), new(members.Count * 6));
        foreach (var index in members)
        {
            AddOrganization(random, generation, crm.Customers[index], busy.Contains(index));
        }

        return generation;
    }

    /// <summary>The first member at or after 10%, 30%, 50%, 70% and 90% of the customer range.</summary>
    private static HashSet<int> BusyMembers(List<int> members, int customerCount)
    {
        var busy = new HashSet<int>();
        for (var k = 0; k < BusyOrganizationCount; k++)
        {
            var target = (int)((long)customerCount * ((2 * k) + 1) / (2 * BusyOrganizationCount));
            foreach (var index in members)
            {
                if (index >= target && busy.Add(index))
                {
                    break;
                }
            }
        }

        return busy;
    }

    private static void AddOrganization(Random random, HelpdeskGeneration generation, CrmCustomer customer, bool busy)
    {
        var organization = new HelpdeskOrganization(
            9_000_001 + generation.Organizations.Count,
            customer.Id,
            customer.Name,
            random.Between(customer.CreatedAt, Min(customer.CreatedAt.AddDays(180), DataClock.Now)));
        generation.Organizations.Add(organization);

        var count = busy ? random.Next(120, 251) : random.Next(0, 11);
        var from = organization.CreatedAt > FirstTicket ? organization.CreatedAt : FirstTicket;
        var created = new DateTimeOffset[count];
        for (var t = 0; t < count; t++)
        {
            created[t] = random.Between(from, DataClock.Now);
        }

        // Ticket ids grow with time, as a helpdesk numbers them.
        Array.Sort(created);
        foreach (var createdAt in created)
        {
            var status = random.PickWeighted(Statuses, busy ? BusyStatusWeights : UsualStatusWeights);
            var rated = status is "solved" or "closed";
            generation.Tickets.Add(new HelpdeskTicket(
                generation.Tickets.Count + 1,
                organization.Id,
                random.Pick(WordLists.TicketSubjects),
                status,
                random.PickWeighted(Priorities, PriorityWeights),
                createdAt,
                random.Between(createdAt, Min(createdAt.AddDays(30), DataClock.Now)),
                rated ? random.PickWeighted(Scores, ScoreWeights) : "unoffered"));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
