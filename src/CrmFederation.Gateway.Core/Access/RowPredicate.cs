using System.Security.Claims;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// One compiled test of a row against the caller: the row's value of a field (a String, ID or enum read
/// from the row's own item, compared as GraphQL shows it) is one of the values of one of the caller's claims.
/// </summary>
public sealed class RowPredicate(string typeName, string fieldName, PathFieldBinding field, string @operator, string claim, bool ignoreCase)
{
    public string FieldName { get; } = fieldName;

    public PathFieldBinding Field { get; } = field;

    public string Claim { get; } = claim;

    public bool IgnoreCase { get; } = ignoreCase;

    /// <summary>How errors name the predicate (<c>Customer.ownerEmail equalsClaim email, ignoring case</c>); never a claim's value.</summary>
    public string Description { get; } = $"{typeName}.{fieldName} {@operator} {claim}" + (ignoreCase ? ", ignoring case" : "");

    /// <summary>The predicate with the caller's values of the claim; a caller without the claim matches no row.</summary>
    public RowCondition Bind(ClaimsPrincipal caller) =>
        new(this, caller.FindAll(Claim).Select(c => c.Value).ToHashSet(IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal));
}
