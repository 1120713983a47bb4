using CrmFederation.SampleSystems.Commerce;
using CrmFederation.SampleSystems.Crm;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Erp;
using CrmFederation.SampleSystems.Helpdesk;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems;

/// <summary>Starts the CRM, ERP, helpdesk and commerce sample systems, each its own Kestrel app on its own port.</summary>
public static class SampleSystemsHost
{
    public static async Task<RunningSampleSystems> StartAsync(SampleSystemsOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(options);

        var data = SampleDataSet.Generate(options.Seed, options.CustomerCount);

        // Each system serializes its own records; building the four side by side keeps both cores busy at start-up.
        Task<WebApplication>[] building =
        [
            Task.Run(() => CrmSystem.Create(options, data), ct),
            Task.Run(() => ErpSystem.Create(options, data), ct),
            Task.Run(() => HelpdeskSystem.Create(options, data), ct),
            Task.Run(() => CommerceSystem.Create(options, data), ct),
        ];
        WebApplication[] builds;
        try
        {
            builds = await Task.WhenAll(building);
        }
        catch
        {
            foreach (var build in building.Where(b => b.IsCompletedSuccessfully))
            {
                await build.Result.DisposeAsync();
            }

            throw;
        }

        var started = new List<WebApplication>(builds.Length);
        try
        {
            var urls = new List<Uri>(builds.Length);
            foreach (var app in builds)
            {
                await app.StartAsync(ct);
                started.Add(app);
                urls.Add(SystemApp.BaseUrl(app));
            }

            return new RunningSampleSystems(data, builds, urls);
        }
        catch
        {
            await SystemApp.StopAsync(started);
            foreach (var app in builds.Except(started))
            {
                await app.DisposeAsync();
            }

            throw;
        }
    }
}
