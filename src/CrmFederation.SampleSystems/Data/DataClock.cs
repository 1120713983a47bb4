namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// The fixed "now" of the generated data. Generation never reads the real clock, or two runs on
/// different days would produce different data from the same seed.
/// </summary>
internal static class DataClock
{
    public static readonly DateTimeOffset Now = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
}
