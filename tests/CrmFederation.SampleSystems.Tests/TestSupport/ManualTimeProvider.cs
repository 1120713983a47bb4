namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>
/// A wall clock the test moves by hand. Only <see cref="GetUtcNow"/> is replaced: timers and
/// timestamps stay real, so latency and rate limits behave as usual while tokens expire on demand.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
