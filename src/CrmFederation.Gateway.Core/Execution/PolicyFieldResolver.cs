using CrmFederation.Gateway.Access;
using GraphQL;
using GraphQL.Resolvers;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The resolver of a field with a policy or personal data. A field the caller may not see is null (a
/// non-null list: empty) with a FORBIDDEN error at its path, and the field's own resolver never runs, so
/// its source is not called for it. A personal field that is answered is recorded for the audit.
/// </summary>
public sealed class PolicyFieldResolver(FieldPolicy policy, PersonalDataSubject? subject, IFieldResolver inner) : IFieldResolver
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        var scope = RequestScope.Of(context);
        if (scope.Permissions.Denial(policy) is { } denial)
        {
            // Reported, not thrown: a page of customers can hold hundreds of forbidden fields, and exceptions are slow.
            scope.Errors.Enqueue(new ForbiddenFieldError(denial) { ValueReplaced = policy.IsNonNullList }.At(context));
            return new ValueTask<object?>(policy.IsNonNullList ? Array.Empty<object>() : null);
        }

        if (policy.IsPersonal)
        {
            scope.PersonalData.Record(policy.Coordinate, SubjectOf(context));
        }

        return inner.ResolveAsync(context);
    }

    /// <summary>The nearest subject (customer) at or above the field: its own object, or an ancestor for a contact's e-mail.</summary>
    private Entity? SubjectOf(IResolveFieldContext context)
    {
        for (var entity = context.Source as Entity; subject is not null && entity is not null; entity = entity.Parent)
        {
            if (entity.Binding.TypeName == subject.TypeName)
            {
                return entity;
            }
        }

        return null;
    }
}
