using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Applies a config change, one at a time: checks the version the caller expected is the one running
/// (optimistic concurrency), validates the proposal, refuses one that breaks the schema or a recently served
/// operation unless forced with a reason, writes the changed files into gateway-config, publishes the new
/// snapshot, and records it in the history and the audit log.
/// </summary>
public sealed class ConfigApplier(
    GatewaySnapshotHolder snapshots,
    ConfigDryRun dryRun,
    ConfigPublisher publisher,
    ConfigHistory history,
    ConfigChangeAudit audit,
    TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<ConfigApplyOutcome> ApplyAsync(ConfigChange change, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var live = snapshots.Current;
            if (!string.Equals(change.ExpectedVersion, live.Version, StringComparison.Ordinal))
            {
                return new ConfigApplyOutcome.VersionConflict(live.Version);
            }

            var report = await dryRun.ValidateAsync(live, change.Propose(live.Files), cancellationToken);
            if (!report.Valid)
            {
                return new ConfigApplyOutcome.Invalid(report);
            }

            if (report.Proposed.Version == live.Version)
            {
                return new ConfigApplyOutcome.Applied(live.Version, live.Version, report, Entry: null);
            }

            var forced = change.Force && !string.IsNullOrWhiteSpace(change.Reason);
            if (report.Breaks && !forced)
            {
                return new ConfigApplyOutcome.Breaking(report);
            }

            return await PublishAsync(live, report, change, forced: report.Breaks, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<ConfigApplyOutcome> PublishAsync(GatewaySnapshot live, ConfigValidationReport report, ConfigChange change, bool forced, CancellationToken cancellationToken)
    {
        try
        {
            ConfigDirectoryWriter.Write(live.Files, report.Proposed);
        }
        catch (ConfigNotWritableException ex)
        {
            return new ConfigApplyOutcome.NotWritable(ex.Message);
        }

        var (published, diagnostics) = await publisher.PublishAsync(change.Trigger, cancellationToken);
        if (published is null)
        {
            return new ConfigApplyOutcome.NotPublished(diagnostics);
        }

        var summary = ConfigChangeSummary.Between(live.Files, published.Files, report.SchemaChanges);
        var entry = history.Add(published.Version, published.Files, change.Caller, change.Trigger, forced, change.Reason, summary, clock.GetUtcNow());
        audit.Write(entry);
        return new ConfigApplyOutcome.Applied(published.Version, live.Version, report, entry);
    }
}
