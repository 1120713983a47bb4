using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmFederation.SampleSystems;

namespace CrmFederation.Gateway.Tests.Filtering;

public sealed record RestCustomer(string Id, string Name, string Segment, string Country, string LifecycleStage, string? PrimaryEmail, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record RestAccount(string AccountNo, string CreditStatus, decimal CreditLimit, string Currency);

public sealed record RestInvoice(string Status, decimal Amount, DateOnly DueDate);

public sealed record RestTicket(string Status, string Priority);

public sealed record RestShopper(decimal TotalSpent, int OrdersCount);

/// <summary>
/// Every record the four sample systems hold for the 10,000 customers, read through their own REST APIs with
/// their sample credentials (as a report writer with direct access would), from which the tests compute the
/// answers a filter must give. Read once per fixture, before any call is counted.
/// </summary>
public sealed class SampleRestData
{
    public required IReadOnlyList<RestCustomer> Customers { get; init; }

    public required IReadOnlyDictionary<string, RestAccount> AccountsByCustomer { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<RestInvoice>> InvoicesByAccount { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<RestTicket>> TicketsByCustomer { get; init; }

    public required IReadOnlyDictionary<string, RestShopper> ShoppersByEmail { get; init; }

    public RestAccount? Account(RestCustomer customer) => AccountsByCustomer.GetValueOrDefault(customer.Id);

    public IReadOnlyList<RestInvoice> Invoices(RestCustomer customer) =>
        Account(customer) is { } account ? InvoicesByAccount.GetValueOrDefault(account.AccountNo) ?? [] : [];

    public IReadOnlyList<RestTicket> Tickets(RestCustomer customer) => TicketsByCustomer.GetValueOrDefault(customer.Id) ?? [];

    public RestShopper? Shopper(RestCustomer customer) =>
        customer.PrimaryEmail is { } email ? ShoppersByEmail.GetValueOrDefault(email.ToLowerInvariant()) : null;

    public static async Task<SampleRestData> LoadAsync(RunningSampleSystems systems)
    {
        using var http = new HttpClient();
        var customers = await CrmCustomersAsync(http, systems.CrmBaseUrl);
        var accounts = new Dictionary<string, RestAccount>(StringComparer.Ordinal);
        var invoices = new Dictionary<string, List<RestInvoice>>(StringComparer.Ordinal);
        var erp = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("erp-user:erp-password")));
        foreach (var chunk in customers.Chunk(50))
        {
            var body = await GetAsync(http, new Uri(systems.ErpBaseUrl, "/erp/odata/Accounts?crmRefs=" + string.Join(',', chunk.Select(c => c.Id))), erp);
            foreach (var account in body.GetProperty("value").EnumerateArray())
            {
                accounts[account.GetProperty("CrmRef").GetString()!] = new RestAccount(account.GetProperty("AccountNo").GetString()!,
                    account.GetProperty("CreditStatus").GetString()!, account.GetProperty("CreditLimit").GetDecimal(), account.GetProperty("Currency").GetString()!);
            }
        }

        foreach (var chunk in accounts.Values.Select(a => a.AccountNo).Chunk(50))
        {
            var body = await GetAsync(http, new Uri(systems.ErpBaseUrl, "/erp/odata/Invoices?accountNos=" + string.Join(',', chunk)), erp);
            foreach (var invoice in body.GetProperty("value").EnumerateArray())
            {
                var list = invoices.TryGetValue(invoice.GetProperty("AccountNo").GetString()!, out var found) ? found : invoices[invoice.GetProperty("AccountNo").GetString()!] = [];
                list.Add(new RestInvoice(invoice.GetProperty("Status").GetString()!, invoice.GetProperty("Amount").GetDecimal(),
                    DateOnly.ParseExact(invoice.GetProperty("DueDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        return new SampleRestData
        {
            Customers = customers,
            AccountsByCustomer = accounts,
            InvoicesByAccount = invoices.ToDictionary(p => p.Key, p => (IReadOnlyList<RestInvoice>)p.Value, StringComparer.Ordinal),
            TicketsByCustomer = await TicketsAsync(http, systems.HelpdeskBaseUrl, customers),
            ShoppersByEmail = await ShoppersAsync(http, systems.CommerceBaseUrl, customers),
        };
    }

    private static async Task<List<RestCustomer>> CrmCustomersAsync(HttpClient http, Uri crm)
    {
        using var tokenResponse = await http.PostAsync(new Uri(crm, "/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "crm-client",
            ["client_secret"] = "crm-secret",
        }));
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var auth = new AuthenticationHeaderValue("Bearer", token);
        var customers = new List<RestCustomer>();
        string? after = null;
        do
        {
            var body = await GetAsync(http, new Uri(crm, "/crm/v3/customers?limit=100" + (after is null ? "" : "&after=" + after)), auth);
            customers.AddRange(body.GetProperty("results").EnumerateArray().Select(c => new RestCustomer(
                c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!, c.GetProperty("segment").GetString()!, c.GetProperty("country").GetString()!,
                c.GetProperty("lifecycleStage").GetString()!, c.TryGetProperty("primaryEmail", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString() : null,
                c.GetProperty("createdAt").GetDateTimeOffset(), c.GetProperty("updatedAt").GetDateTimeOffset())));
            after = body.GetProperty("paging").ValueKind == JsonValueKind.Null ? null : body.GetProperty("paging").GetProperty("next").GetProperty("after").GetString();
        }
        while (after is not null);
        return customers;
    }

    private static async Task<Dictionary<string, IReadOnlyList<RestTicket>>> TicketsAsync(HttpClient http, Uri helpdesk, List<RestCustomer> customers)
    {
        var auth = new AuthenticationHeaderValue("Bearer", "helpdesk-token");
        var customerOfOrganization = new Dictionary<long, string>();
        foreach (var chunk in customers.Chunk(100))
        {
            var body = await GetAsync(http, new Uri(helpdesk, "/api/v2/organizations/show_many?external_ids=" + string.Join(',', chunk.Select(c => c.Id))), auth);
            foreach (var organization in body.GetProperty("organizations").EnumerateArray())
            {
                customerOfOrganization[organization.GetProperty("id").GetInt64()] = organization.GetProperty("external_id").GetString()!;
            }
        }

        var tickets = new Dictionary<string, List<RestTicket>>(StringComparer.Ordinal);
        foreach (var chunk in customerOfOrganization.Keys.Chunk(100))
        {
            Uri? next = new(helpdesk, "/api/v2/tickets?per_page=100&organization_ids=" + string.Join(',', chunk));
            while (next is not null)
            {
                var body = await GetAsync(http, next, auth);
                foreach (var ticket in body.GetProperty("tickets").EnumerateArray())
                {
                    var customer = customerOfOrganization[ticket.GetProperty("organization_id").GetInt64()];
                    var list = tickets.TryGetValue(customer, out var found) ? found : tickets[customer] = [];
                    list.Add(new RestTicket(ticket.GetProperty("status").GetString()!, ticket.GetProperty("priority").GetString()!));
                }

                next = body.GetProperty("next_page").ValueKind == JsonValueKind.String ? new Uri(body.GetProperty("next_page").GetString()!) : null;
            }
        }

        return tickets.ToDictionary(p => p.Key, p => (IReadOnlyList<RestTicket>)p.Value, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, RestShopper>> ShoppersAsync(HttpClient http, Uri commerce, List<RestCustomer> customers)
    {
        var shoppers = new Dictionary<string, RestShopper>(StringComparer.Ordinal);
        foreach (var chunk in customers.Where(c => c.PrimaryEmail is not null).Select(c => c.PrimaryEmail!.ToLowerInvariant()).Distinct().Chunk(50))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(commerce, "/admin/api/2025-01/customers.json?emails=" + Uri.EscapeDataString(string.Join(',', chunk))));
            request.Headers.Add("X-Shopify-Access-Token", "commerce-token");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var shopper in body.GetProperty("customers").EnumerateArray())
            {
                shoppers[shopper.GetProperty("email").GetString()!] = new RestShopper(
                    decimal.Parse(shopper.GetProperty("total_spent").GetString()!, CultureInfo.InvariantCulture), shopper.GetProperty("orders_count").GetInt32());
            }
        }

        return shoppers;
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, Uri uri, AuthenticationHeaderValue auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
