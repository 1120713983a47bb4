using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>The ERP: PascalCase, OData-style envelope, HTTP Basic.</summary>
internal static class ErpSystem
{
    public static WebApplication Create(SampleSystemsOptions options, SampleDataSet data)
    {
        var app = SystemApp.Create(options, options.ErpPort, "erp");
        var routes = SystemApp.Simulate(app, options);
        var store = new ErpStore(data);
        var accounts = new ErpAccountEndpoints(store);
        var invoices = new ErpInvoiceEndpoints(store);

        routes.Map("GET", "/erp/odata/Accounts", accounts.AccountsAsync);
        routes.Map("PATCH", "/erp/odata/Accounts/{AccountNo}", accounts.PatchAccountAsync);
        routes.Map("GET", "/erp/odata/Invoices", invoices.InvoicesAsync);
        return app;
    }
}
