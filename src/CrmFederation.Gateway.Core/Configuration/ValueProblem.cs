namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Why a <see cref="ValueReference"/> yields no value. Never holds the value itself. <see cref="Hint"/> is
/// set when the fix does not depend on what the reference is for; otherwise the caller gives its own.
/// </summary>
public sealed record ValueProblem(string Reason, string? Hint = null);
