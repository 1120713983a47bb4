namespace CrmFederation.Gateway.Access;

/// <summary>
/// What the callers holding one set of scopes may see, worked out once per snapshot and scope set and
/// shared by all their requests: a guarded field costs its resolver one array read, not a scope check per row.
/// </summary>
public sealed class CallerPermissions(string?[] denials, bool mayIntrospect, bool seesErrorDetails)
{
    /// <summary>Introspection, and "Did you mean" suggestions in validation errors.</summary>
    public bool MayIntrospect { get; } = mayIntrospect;

    /// <summary>Source internals in errors: HTTP status, attempts, circuit state.</summary>
    public bool SeesErrorDetails { get; } = seesErrorDetails;

    /// <summary>Why the caller may not see <paramref name="field"/> (naming the scopes it lacks), or null when it may.</summary>
    public string? Denial(FieldPolicy field) => denials[field.Index];
}
