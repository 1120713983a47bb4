using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Refuses <c>__schema</c> and <c>__type</c> for a caller that may not introspect, also for a document
/// already validated for another caller (the validated-document cache runs the cached-document rules).
/// </summary>
public static class IntrospectionRefusal
{
    private static readonly IValidationRule[] CoreRulesAndRefusal = [.. DocumentValidator.CoreRules, NoIntrospectionValidationRule.Instance];
    private static readonly IValidationRule[] RefusalOnly = [NoIntrospectionValidationRule.Instance];

    public static void Apply(ExecutionOptions options)
    {
        options.ValidationRules = options.ValidationRules is { } rules ? [.. rules, NoIntrospectionValidationRule.Instance] : CoreRulesAndRefusal;
        options.CachedDocumentValidationRules = options.CachedDocumentValidationRules is { } cached
            ? [.. cached, NoIntrospectionValidationRule.Instance]
            : RefusalOnly;
    }
}
