using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Claims;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// The compiled <c>policies.json</c>: each guarded field's policy, whose personal data it is, and who may
/// introspect or read source internals. Callers' permissions are cached by the scopes that matter here,
/// so there are at most as many entries as combinations of those scopes.
/// </summary>
public sealed class AccessPolicy
{
    private readonly FrozenSet<string> _introspection;
    private readonly FrozenSet<string> _errorDetails;
    private readonly FrozenSet<string> _named;
    private readonly ConcurrentDictionary<string, CallerPermissions> _permissions = new(StringComparer.Ordinal);

    public AccessPolicy(IReadOnlyList<FieldPolicy> fields, PersonalDataSubject? subject, IEnumerable<string> introspection, IEnumerable<string> errorDetails)
    {
        Fields = fields.ToFrozenDictionary(f => f.Coordinate, StringComparer.Ordinal);
        Subject = subject;
        _introspection = introspection.ToFrozenSet(StringComparer.Ordinal);
        _errorDetails = errorDetails.ToFrozenSet(StringComparer.Ordinal);
        _named = fields.SelectMany(f => f.RequiredScopes).Concat(_introspection).Concat(_errorDetails).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Guarded fields by coordinate (<c>Customer.billing</c>): those with a policy or holding personal data.</summary>
    public FrozenDictionary<string, FieldPolicy> Fields { get; }

    /// <summary>Whose data personal fields hold, for the audit; null when no field is personal.</summary>
    public PersonalDataSubject? Subject { get; }

    /// <summary>What <paramref name="caller"/> may see; in demo mode every caller may introspect.</summary>
    public CallerPermissions For(ClaimsPrincipal? caller, bool demo)
    {
        var held = (caller?.Scopes() ?? []).Where(_named.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = (demo ? "demo:" : ":") + string.Join(' ', held);
        return _permissions.GetOrAdd(key, static (_, state) => state.Policy.Permissions(state.Held, state.Demo), (Policy: this, Held: held, Demo: demo));
    }

    private CallerPermissions Permissions(IReadOnlyList<string> held, bool demo)
    {
        var denials = new string?[Fields.Count];
        foreach (var field in Fields.Values)
        {
            var missing = field.RequiredScopes.Where(scope => !held.Contains(scope, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                denials[field.Index] = missing.Count == 1
                    ? $"The field '{field.Coordinate}' needs the scope '{missing[0]}'."
                    : $"The field '{field.Coordinate}' needs the scopes {string.Join(", ", missing.Select(s => $"'{s}'"))}.";
            }
        }

        return new CallerPermissions(denials, demo || held.Any(_introspection.Contains), held.Any(_errorDetails.Contains));
    }
}
