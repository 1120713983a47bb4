using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>The CRM: camelCase, OAuth2 client credentials, cursor-paged customer list.</summary>
internal static class CrmSystem
{
    public static WebApplication Create(SampleSystemsOptions options, SampleDataSet data)
    {
        var app = SystemApp.Create(options, options.CrmPort, "crm");
        var routes = SystemApp.Simulate(app, options);
        var store = new CrmStore(data, options.TimeProvider);
        var tokens = new CrmTokens(options.CrmTokenLifetime, options.TimeProvider);
        var token = new CrmTokenEndpoint(tokens);
        var customers = new CrmCustomerEndpoints(store, tokens);
        var related = new CrmRelatedEndpoints(store, tokens);

        routes.Map("POST", "/oauth/token", token.IssueAsync);
        routes.Map("GET", "/crm/v3/customers", customers.GetManyAsync);
        routes.Map("GET", "/crm/v3/customers/{id}", customers.GetOneAsync);
        routes.Map("PATCH", "/crm/v3/customers/{id}", customers.PatchAsync);
        routes.Map("GET", "/crm/v3/contacts", related.ContactsAsync);
        routes.Map("GET", "/crm/v3/deals", related.DealsAsync);
        return app;
    }
}
