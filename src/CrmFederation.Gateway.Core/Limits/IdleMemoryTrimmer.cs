using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Gives memory back to the machine once traffic stops after a burst. The GC only runs when something
/// allocates, so a gateway that goes idle after heavy requests would keep its grown heap (and the
/// buffers pooled for them) for as long as it stays idle. Checked every <see cref="Interval"/>: once
/// quiet after a burst (<see cref="IdleTrimPolicy"/>), one aggressive full collection decommits the
/// free heap and lets the array pools trim.
/// </summary>
public sealed partial class IdleMemoryTrimmer(TimeProvider time, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Allocated since the last trim: a heavy burst, or a long stretch of light traffic.</summary>
    public const long BurstBytes = 256L * 1024 * 1024;

    /// <summary>Allocated in one interval by a gateway with no real traffic (health probes, timers).</summary>
    public const long QuietBytes = 16L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policy = new IdleTrimPolicy(BurstBytes, QuietBytes);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (policy.ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    var before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    LogTrimmed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "Traffic stopped after a burst: memory trimmed from {BeforeMiB} MiB to {AfterMiB} MiB")]
    private static partial void LogTrimmed(ILogger logger, long beforeMiB, long afterMiB);
}
