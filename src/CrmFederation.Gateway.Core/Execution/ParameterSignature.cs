namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The text that identifies a parameter list, for loader and cache keys. Names and values are
/// escaped, so two different lists can never produce the same text.
/// </summary>
public static class ParameterSignature
{
    public static string Of(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}
