using System.Collections.Concurrent;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>
/// Reloads gateway-config from disk, one reload at a time: the files are read, validated and compiled
/// into a new snapshot that is swapped in atomically; requests already running finish on the snapshot they
/// took. A config with errors is rejected whole, and the last good snapshot keeps serving. The sources'
/// state (breakers, budgets, limiters, tokens) carries over wherever their settings are equal; what only a
/// replaced snapshot used is released once no request holds it.
/// </summary>
public sealed partial class ConfigReloader : IDisposable
{
    private readonly GatewaySnapshotHolder _snapshots;
    private readonly GatewayConfigLoader _loader;
    private readonly SourceRuntimeRegistry _runtimes;
    private readonly GatewayMetrics _metrics;
    private readonly SnapshotRetirement _retirement;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigReloader> _logger;
    private readonly SemaphoreSlim _serial = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<GatewaySnapshot, byte> _retiring = new(ReferenceEqualityComparer.Instance);
    private ConfigReloadStatus _status;

    public ConfigReloader(
        GatewaySnapshotHolder snapshots,
        GatewayConfigLoader loader,
        SourceRuntimeRegistry runtimes,
        GatewayMetrics metrics,
        SnapshotRetirement retirement,
        TimeProvider time,
        ILogger<ConfigReloader> logger)
    {
        (_snapshots, _loader, _runtimes, _metrics, _retirement, _time, _logger) = (snapshots, loader, runtimes, metrics, retirement, time, logger);
        _status = new ConfigReloadStatus(snapshots.Current.Version, time.GetUtcNow(), null);
    }

    public ConfigReloadStatus Status => Volatile.Read(ref _status);

    /// <param name="trigger">Why: <c>file</c> (the watcher), <c>reload</c> (the admin API), <c>apply</c>, <c>rollback</c>; shown in the status and logs.</param>
    public async Task<ConfigReloadResult> ReloadAsync(string trigger, CancellationToken cancellationToken)
    {
        await _serial.WaitAsync(cancellationToken);
        try
        {
            var result = Reload(trigger);
            var at = _time.GetUtcNow();
            var loadedAt = result.Outcome == ConfigReloadOutcome.Applied ? at : Status.LoadedAt;
            Volatile.Write(ref _status, new ConfigReloadStatus(_snapshots.Current.Version, loadedAt, new ConfigReloadRecord(at, trigger, result)));
            _metrics.ConfigReload(result.Outcome, trigger);
            return result;
        }
        finally
        {
            _serial.Release();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private ConfigReloadResult Reload(string trigger)
    {
        var current = _snapshots.Current;
        GatewaySnapshot? next;
        IReadOnlyList<ConfigDiagnostic> diagnostics;
        try
        {
            if (_loader.ReadVersion() == current.Version)
            {
                LogUnchanged(_logger, trigger, current.Version);
                return new ConfigReloadResult(ConfigReloadOutcome.Unchanged, current.Version, []);
            }

            (next, diagnostics) = _loader.TryLoad();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file removed or replaced while it was read: the next change event reloads again.
            (next, diagnostics) = (null, [new(DiagnosticSeverity.Error, _loader.Directory, null, "", "The config could not be read: " + ex.Message,
                "Check that the files exist and the gateway may read them; the reload is retried on the next change.")]);
        }

        if (next is null)
        {
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var error in errors)
            {
                LogDiagnostic(_logger, trigger, error.ToString());
            }

            LogRejected(_logger, trigger, errors.Count, current.Version);
            return new ConfigReloadResult(ConfigReloadOutcome.Rejected, current.Version, errors);
        }

        foreach (var warning in next.Warnings.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            LogDiagnostic(_logger, trigger, warning.ToString());
        }

        var previous = _snapshots.Swap(next);
        LogApplied(_logger, trigger, next.Version, previous.Version);
        _retiring[previous] = 0;
        _ = RetireAsync(previous);
        return new ConfigReloadResult(ConfigReloadOutcome.Applied, next.Version, []);
    }

    /// <summary>Releases the sources' state only <paramref name="previous"/> used, once no request holds it.</summary>
    private async Task RetireAsync(GatewaySnapshot previous)
    {
        try
        {
            var deadline = _time.GetUtcNow() + _retirement.MaxDrain;
            await Task.Delay(_retirement.Grace, _time, _stopping.Token);
            while (_snapshots.InUse(previous) && _time.GetUtcNow() < deadline)
            {
                await Task.Delay(_retirement.Poll, _time, _stopping.Token);
            }

            // Serialized with reloads: a snapshot being compiled takes state the release must not see as unused.
            await _serial.WaitAsync(_stopping.Token);
            try
            {
                _retiring.TryRemove(previous, out _);
                var released = _runtimes.Release([_snapshots.Current, .. _retiring.Keys]);
                LogReleased(_logger, previous.Version, released);
            }
            finally
            {
                _serial.Release();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The gateway is stopping: nothing is left to release for.
        }
        catch (ObjectDisposedException)
        {
            // Stopped while waiting.
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Config reload ({Trigger}): version {Version} applied, replacing {Previous}")]
    private static partial void LogApplied(ILogger logger, string trigger, string version, string previous);

    [LoggerMessage(2, LogLevel.Debug, "Config reload ({Trigger}): the files hold version {Version}, already serving")]
    private static partial void LogUnchanged(ILogger logger, string trigger, string version);

    [LoggerMessage(3, LogLevel.Warning, "Config reload ({Trigger}): {Diagnostic}")]
    private static partial void LogDiagnostic(ILogger logger, string trigger, string diagnostic);

    [LoggerMessage(4, LogLevel.Warning, "Config reload ({Trigger}) rejected with {Count} error(s); version {Version} keeps serving")]
    private static partial void LogRejected(ILogger logger, string trigger, int count, string version);

    [LoggerMessage(5, LogLevel.Debug, "Config version {Version} retired: the state of {Released} source(s) no snapshot uses was released")]
    private static partial void LogReleased(ILogger logger, string version, int released);
}
