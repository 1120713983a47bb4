namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>The command line cannot be followed: what is wrong with it and what to type instead.</summary>
public sealed record UsageError(string Message, string Hint) : GatewayCommand
{
    /// <summary>Exit code of a command line that cannot be followed, as distinct from a failed check (1).</summary>
    public const int ExitCode = 2;
}
