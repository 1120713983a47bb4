using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Keeps <see cref="RecentOperations"/> across restarts in the state directory: read at start-up, pruned and
/// written every minute and at shutdown, never on a request's path. A file that cannot be read or written costs
/// only the memory of past operations, with a warning.
/// </summary>
public sealed partial class RecentOperationsPersistence(
    RecentOperations operations, StateDirectory state, TimeProvider clock, ILogger<RecentOperationsPersistence> logger) : BackgroundService
{
    public const string FileName = "recent-operations.json";

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Load();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Save();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                operations.Prune();
                Save();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: StopAsync saves once more.
        }
    }

    private void Load()
    {
        try
        {
            var file = state.File(FileName);
            if (File.Exists(file))
            {
                operations.Restore(JsonSerializer.Deserialize<List<RecentOperationRecord>>(File.ReadAllBytes(file), Json) ?? []);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            LogUnavailable(logger, "read", state.Path, ex.Message);
        }
    }

    private void Save()
    {
        try
        {
            StateDirectory.WriteAtomically(state.File(FileName), JsonSerializer.SerializeToUtf8Bytes(operations.All(), Json));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnavailable(logger, "written", state.Path, ex.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The recently served operations could not be {Action} in the state directory {Directory} ({Reason}); set Gateway:StateDirectory to a writable folder.")]
    private static partial void LogUnavailable(ILogger logger, string action, string directory, string reason);
}
