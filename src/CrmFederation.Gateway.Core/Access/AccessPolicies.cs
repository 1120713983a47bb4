namespace CrmFederation.Gateway.Access;

/// <summary>Named authorization policies for endpoints outside GraphQL.</summary>
public static class AccessPolicies
{
    /// <summary>The operators' endpoints (source status, cache purge): callers with the <see cref="AdminScope"/> scope.</summary>
    public const string Admin = "admin";

    public const string AdminScope = "admin";
}
