namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Why a <see cref="ValueReference"/> yields no value. Never holds the value itself. <see cref="Hint"/> is
/// set when the fix does not depend on what the reference is for; otherwise the caller gives its own.
/// </summary>
public sealed record ValueProblem(string Reason, string? Hint = null)
{
    /// <summary>The value is simply not there (variable unset, file missing or empty), as opposed to a broken reference or an unreadable file.</summary>
    public bool IsAbsent { get; init; }

    /// <summary>The environment variable that is not set, when that is the problem.</summary>
    public string? UnsetVariable { get; init; }
}
