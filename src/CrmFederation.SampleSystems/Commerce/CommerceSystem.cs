using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems.Commerce;

/// <summary>The commerce platform: Shopify style, money as strings, access-token header, Link-header paging.</summary>
internal static class CommerceSystem
{
    public static WebApplication Create(SampleSystemsOptions options, SampleDataSet data)
    {
        var app = SystemApp.Create(options, options.CommercePort, "commerce");
        var routes = SystemApp.Simulate(app, options);
        var store = new CommerceStore(data);
        var customers = new CommerceCustomerEndpoints(store);
        var orders = new CommerceOrderEndpoints(store);

        routes.Map("GET", "/admin/api/2025-01/customers.json", customers.CustomersAsync);
        routes.Map("GET", "/admin/api/2025-01/orders.json", orders.OrdersAsync);
        return app;
    }
}
