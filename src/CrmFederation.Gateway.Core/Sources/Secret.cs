namespace CrmFederation.Gateway.Sources;

/// <summary>
/// A credential resolved from the environment or a secret file. It prints as <c>***</c> so that it
/// cannot reach a log, an error or a response by accident; only the auth handlers call <see cref="Reveal"/>.
/// </summary>
public sealed class Secret(string value)
{
    public string Reveal() => value;

    public override string ToString() => "***";
}
