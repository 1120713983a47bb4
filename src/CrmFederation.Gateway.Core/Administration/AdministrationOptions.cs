namespace CrmFederation.Gateway.Administration;

/// <summary>Host settings of the admin API (section <c>Gateway:Admin</c>, env <c>Gateway__Admin__…</c>).</summary>
public sealed class AdministrationOptions
{
    public const string SectionName = "Gateway:Admin";

    /// <summary>Applied config versions kept in the history; older ones are forgotten.</summary>
    public int HistoryVersions { get; set; } = 50;

    /// <summary>How long an operation the gateway served counts as recently used for the breaking-change report.</summary>
    public int RecentOperationsDays { get; set; } = 7;

    /// <summary>Distinct operation documents remembered; past it, the least recently used are forgotten.</summary>
    public int RecentOperationsMax { get; set; } = 1000;

    /// <summary>Largest admin request body (a whole config fits many times over).</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    public TimeSpan RecentOperationsAge => TimeSpan.FromDays(RecentOperationsDays);
}
