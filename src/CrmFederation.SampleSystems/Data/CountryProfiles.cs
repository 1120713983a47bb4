namespace CrmFederation.SampleSystems.Data;

/// <summary>The countries the sample customers are in, weighted towards the US and Europe.</summary>
internal static class CountryProfiles
{
    public static readonly CountryProfile[] All =
    [
        new("US", 30, "USD", "+1", ".com", "99999", ["New York", "Chicago", "Austin", "Seattle", "Denver", "Boston"], ["Inc", "Corp", "LLC", "Co"]),
        new("GB", 12, "GBP", "+44", ".co.uk", "AA9 9AA", ["London", "Manchester", "Leeds", "Bristol", "Glasgow"], ["Ltd", "PLC"]),
        new("DE", 10, "EUR", "+49", ".de", "99999", ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt"], ["GmbH", "AG"]),
        new("FR", 7, "EUR", "+33", ".fr", "99999", ["Paris", "Lyon", "Marseille", "Toulouse", "Lille"], ["SA"]),
        new("NL", 5, "EUR", "+31", ".nl", "9999 AA", ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"], ["BV"]),
        new("CA", 6, "USD", "+1", ".ca", "A9A 9A9", ["Toronto", "Vancouver", "Montreal", "Calgary"], ["Inc", "Corp"]),
        new("AU", 5, "USD", "+61", ".com.au", "9999", ["Sydney", "Melbourne", "Brisbane", "Perth"], ["Ltd"]),
        new("ES", 4, "EUR", "+34", ".es", "99999", ["Madrid", "Barcelona", "Valencia", "Seville"], ["SA"]),
        new("IT", 4, "EUR", "+39", ".it", "99999", ["Milan", "Rome", "Turin", "Bologna"], ["SA"]),
        new("SE", 3, "USD", "+46", ".se", "999 99", ["Stockholm", "Gothenburg", "Malmo"], ["AB"]),
        new("JP", 3, "USD", "+81", ".jp", "999-9999", ["Tokyo", "Osaka", "Yokohama"], ["Co"]),
        new("IE", 3, "EUR", "+353", ".ie", "A99 A9A9", ["Dublin", "Cork", "Galway"], ["Ltd"]),
        new("CH", 3, "USD", "+41", ".ch", "9999", ["Zurich", "Geneva", "Basel"], ["AG", "GmbH"]),
        new("BR", 3, "USD", "+55", ".com.br", "99999-999", ["Sao Paulo", "Rio de Janeiro", "Curitiba"], ["Co"]),
        new("IN", 2, "USD", "+91", ".in", "999999", ["Bengaluru", "Mumbai", "Pune", "Hyderabad"], ["Co"]),
    ];

    public static readonly int[] Weights = Array.ConvertAll(All, c => c.Weight);
}
