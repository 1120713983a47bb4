namespace CrmFederation.SampleSystems.Data;

/// <summary>Small helpers over a seeded <see cref="Random"/>; each consumes a fixed number of draws.</summary>
internal static class RandomExtensions
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Picks by weight: <paramref name="weights"/>[i] is the relative chance of <paramref name="items"/>[i].</summary>
    public static T PickWeighted<T>(this Random random, IReadOnlyList<T> items, IReadOnlyList<int> weights)
    {
        var total = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var roll = random.Next(total);
        for (var i = 0; i < items.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }

    /// <summary>A whole-cent amount between the bounds, with a scale of exactly two decimals ("1234.50").</summary>
    public static decimal Money(this Random random, decimal min, decimal max)
    {
        var cents = random.NextInt64((long)(min * 100), (long)(max * 100) + 1);
        return new decimal((int)cents, (int)(cents >> 32), 0, false, 2);
    }

    /// <summary>A whole-thousands amount between the bounds, written with two decimals.</summary>
    public static decimal RoundMoney(this Random random, int minThousands, int maxThousands) =>
        new(random.Next(minThousands, maxThousands + 1) * 100_000, 0, 0, false, 2);

    /// <summary>An instant with whole seconds in [from, to]; <paramref name="from"/> when the range is empty.</summary>
    public static DateTimeOffset Between(this Random random, DateTimeOffset from, DateTimeOffset to)
    {
        var seconds = (long)(to - from).TotalSeconds;
        return seconds <= 0 ? from : from.AddSeconds(random.NextInt64(0, seconds + 1));
    }

    public static DateOnly DateBetween(this Random random, DateOnly from, DateOnly to) =>
        from.AddDays(random.Next(0, Math.Max(0, to.DayNumber - from.DayNumber) + 1));

    /// <summary>Fills a pattern: '9' becomes a digit, 'A' a capital letter, anything else stays.</summary>
    public static string FromPattern(this Random random, string pattern)
    {
        return string.Create(pattern.Length, (random, pattern), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.pattern[i] switch
                {
                    '9' => (char)('0' + state.random.Next(10)),
                    'A' => (char)('A' + state.random.Next(26)),
                    var c => c,
                };
            }
        });
    }
}
