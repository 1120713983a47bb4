namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// A value the config names instead of holding: an environment variable (or any configuration key)
/// or a file such as a mounted secret. Secrets are only ever referenced, never written in the config.
/// </summary>
public sealed record ValueReference
{
    public string? Env { get; init; }

    public string? File { get; init; }

    /// <summary>Allowed for non-secret values such as base URLs; refused for credentials.</summary>
    public string? Default { get; init; }

    public override string ToString() =>
        Env is not null ? $"env:{Env}" : File is not null ? $"file:{File}" : "default";
}
