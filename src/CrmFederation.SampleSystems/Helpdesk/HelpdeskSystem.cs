using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>The helpdesk: snake_case, integer ids, bearer API token, page-numbered tickets, rate-limited.</summary>
internal static class HelpdeskSystem
{
    public static WebApplication Create(SampleSystemsOptions options, SampleDataSet data)
    {
        var app = SystemApp.Create(options, options.HelpdeskPort, "helpdesk");
        var routes = SystemApp.Simulate(app, options, options.HelpdeskRateLimitPerSecond);
        var store = new HelpdeskStore(data);
        var organizations = new HelpdeskOrganizationEndpoints(store);
        var tickets = new HelpdeskTicketEndpoints(store);

        routes.Map("GET", "/api/v2/organizations/show_many", organizations.OrganizationsAsync);
        routes.Map("GET", "/api/v2/tickets", tickets.TicketsAsync);
        return app;
    }
}
