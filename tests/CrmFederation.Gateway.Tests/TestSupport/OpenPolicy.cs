using CrmFederation.Gateway.Access;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>For tests that run loaders without resolving fields: a policy that guards no field.</summary>
public static class OpenPolicy
{
    public static CallerPermissions Permissions { get; } = new AccessPolicy([], null, [], []).For(null, demo: false);
}
