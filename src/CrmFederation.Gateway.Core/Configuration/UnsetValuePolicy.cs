namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// How compiling treats a value reference that yields nothing: an environment variable that is not
/// set, a secret file that is missing or empty. By default that is an error: the gateway refuses to start.
/// </summary>
public sealed record UnsetValuePolicy
{
    public static UnsetValuePolicy Required { get; } = new();

    /// <summary>
    /// For checking a config where the deployment's secrets are not at hand (a config repository's CI):
    /// an unset value is a warning and compiling goes on with a placeholder, so every other problem still shows.
    /// </summary>
    public bool WarnAndUsePlaceholder { get; init; }

    /// <summary>Advice the host adds for an unset variable, by name (such as what demo mode supplies); null for none.</summary>
    public Func<string, string?> VariableAdvice { get; init; } = static _ => null;
}
