using CrmFederation.SampleSystems.Data;

namespace CrmFederation.SampleSystems;

/// <summary>The four started systems, where they listen, and the data they serve. Dispose stops them.</summary>
public sealed class RunningSampleSystems : IAsyncDisposable
{
    private readonly IReadOnlyList<WebApplication> _apps;
    private int _disposed;

    internal RunningSampleSystems(SampleDataSet data, IReadOnlyList<WebApplication> apps, IReadOnlyList<Uri> baseUrls)
    {
        Data = data;
        _apps = apps;
        CrmBaseUrl = baseUrls[0];
        ErpBaseUrl = baseUrls[1];
        HelpdeskBaseUrl = baseUrls[2];
        CommerceBaseUrl = baseUrls[3];
    }

    /// <summary>The CRM's root, with the port actually bound ("http://127.0.0.1:7101/").</summary>
    public Uri CrmBaseUrl { get; }

    public Uri ErpBaseUrl { get; }

    public Uri HelpdeskBaseUrl { get; }

    public Uri CommerceBaseUrl { get; }

    /// <summary>The data as generated at start-up; PATCHes change what the systems serve, not this.</summary>
    public SampleDataSet Data { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await Hosting.SystemApp.StopAsync(_apps);
    }
}
