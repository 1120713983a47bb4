using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>
/// Reloads gateway-config when anything under its directory changes, once the changes have been quiet for
/// <see cref="GatewayOptions.WatchDebounceMs"/>: an editor's save or a deployment's copy is several events. The
/// whole tree is watched, the directory itself included, so a Kubernetes ConfigMap's swap of its <c>..data</c>
/// symlink counts too. A watch that cannot start or fails is logged; the gateway keeps serving, and
/// <c>POST /admin/config/reload</c> still works.
/// </summary>
public sealed partial class ConfigWatcher(
    ConfigReloader reloader,
    GatewayConfigLoader loader,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<ConfigWatcher> logger) : IHostedService, IDisposable
{
    public const string Trigger = "file";

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private TimeSpan _quietTime;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WatchConfig)
        {
            lock (_gate)
            {
                _quietTime = QuietTime();
                _debounce = time.CreateTimer(_ => _ = ReloadAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                Watch();
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            _watcher?.Dispose();
            _debounce?.Dispose();
        }
    }

    private TimeSpan QuietTime()
    {
        var milliseconds = options.Value.WatchDebounceMs;
        if (milliseconds is >= 0 and <= GatewayOptions.MaxWatchDebounceMs)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        LogDebounceOutOfRange(logger, milliseconds, GatewayOptions.MaxWatchDebounceMs, GatewayOptions.DefaultWatchDebounceMs);
        return TimeSpan.FromMilliseconds(GatewayOptions.DefaultWatchDebounceMs);
    }

    private void Watch()
    {
        try
        {
            var watcher = new FileSystemWatcher(loader.Directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            LogWatching(logger, loader.Directory, _quietTime.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            LogWatchFailed(logger, loader.Directory, ex);
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Schedule();

    private void OnError(object sender, ErrorEventArgs e)
    {
        // Events may have been lost (an overflowing queue) or the watch broken: watch again, and reload in case.
        LogWatchFailed(logger, loader.Directory, e.GetException());
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _watcher?.Dispose();
            _watcher = null;
            Watch();
        }

        Schedule();
    }

    private void Schedule()
    {
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _debounce?.Change(_quietTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            await reloader.ReloadAsync(Trigger, _stopping.Token);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            LogReloadFailed(logger, ex);
        }
        catch (Exception)
        {
            // Stopping: a reload cut short changes nothing.
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Watching {Directory} for config changes (debounce {DebounceMs} ms)")]
    private static partial void LogWatching(ILogger logger, string directory, double debounceMs);

    [LoggerMessage(2, LogLevel.Warning, "Watching {Directory} for config changes failed; changes are picked up by POST /admin/config/reload or a restart")]
    private static partial void LogWatchFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "A config reload after a file change failed unexpectedly; the current config keeps serving")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Gateway:WatchDebounceMs {Value} is outside 0 to {Max}; using {Default}")]
    private static partial void LogDebounceOutOfRange(ILogger logger, int value, int max, int @default);
}
