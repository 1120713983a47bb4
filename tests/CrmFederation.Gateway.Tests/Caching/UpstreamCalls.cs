namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>What the sample systems counted: calls per route since the last reset.</summary>
public sealed class UpstreamCalls(IReadOnlyDictionary<string, int> byRoute)
{
    public const string CrmToken = "POST /oauth/token";
    public const string CrmCustomers = "GET /crm/v3/customers";
    public const string CrmContacts = "GET /crm/v3/contacts";
    public const string ErpAccounts = "GET /erp/odata/Accounts";
    public const string ErpInvoices = "GET /erp/odata/Invoices";
    public const string HelpdeskOrganizations = "GET /api/v2/organizations/show_many";
    public const string HelpdeskTickets = "GET /api/v2/tickets";
    public const string CommerceCustomers = "GET /admin/api/2025-01/customers.json";
    public const string CommerceOrders = "GET /admin/api/2025-01/orders.json";

    /// <summary>What a customer with data in all four systems costs, each of its eight endpoints called once, as <see cref="ToString"/> shows it.</summary>
    public const string OneCallPerDataEndpoint = """
        GET /admin/api/2025-01/customers.json=1
        GET /admin/api/2025-01/orders.json=1
        GET /api/v2/organizations/show_many=1
        GET /api/v2/tickets=1
        GET /crm/v3/contacts=1
        GET /crm/v3/customers=1
        GET /erp/odata/Accounts=1
        GET /erp/odata/Invoices=1
        """;

    /// <summary>Calls of <paramref name="route"/>; 0 when it was not called.</summary>
    public int this[string route] => byRoute.GetValueOrDefault(route);

    /// <summary>Every data call, the CRM's token requests left out.</summary>
    public int Data => byRoute.Where(r => r.Key != CrmToken).Sum(r => r.Value);

    /// <summary>One "route=count" line per called route, sorted: readable in an assertion message.</summary>
    public override string ToString() =>
        byRoute.Count == 0 ? "(no calls)" : string.Join("\n", byRoute.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
}
