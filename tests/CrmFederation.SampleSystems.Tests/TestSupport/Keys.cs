namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>Key lists for batch requests.</summary>
public static class Keys
{
    /// <summary>"C-000001" … for customers <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    public static string[] CrmIds(int first, int count) => [.. Enumerable.Range(first, count).Select(i => $"C-{i:D6}")];

    public static string Join(IEnumerable<string> keys) => string.Join(',', keys);

    /// <summary>"name=a&amp;name=b…": the repeated form of a list parameter.</summary>
    public static string Repeated(string name, IEnumerable<string> keys) => string.Join('&', keys.Select(k => $"{name}={Uri.EscapeDataString(k)}"));
}
