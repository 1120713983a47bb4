namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// The commerce shop keeps its timestamps in New York local time, as Shopify does for a shop there:
/// -05:00 in winter, -04:00 in summer. The US daylight-saving rule is computed here rather than
/// read from the machine's time-zone database, so the data stays identical on every machine.
/// </summary>
internal static class ShopClock
{
    private static readonly TimeSpan Standard = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Daylight = TimeSpan.FromHours(-4);

    public static DateTimeOffset ToShopTime(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        // Daylight time runs from the second Sunday of March, 02:00 EST (07:00 UTC),
        // to the first Sunday of November, 02:00 EDT (06:00 UTC).
        var start = NthSunday(utc.Year, 3, 2).AddHours(7);
        var end = NthSunday(utc.Year, 11, 1).AddHours(6);
        return instant.ToOffset(utc >= start && utc < end ? Daylight : Standard);
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        var offset = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }
}
