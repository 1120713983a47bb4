using GraphQL;
using GraphQL.Resolvers;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The one resolver every bound field uses: it asks the parent entity's bindings for the field, so
/// inline objects (a Money read from an invoice) and typed objects are resolved alike.
/// </summary>
public sealed class EntityFieldResolver(string fieldName) : IFieldResolver
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        var parent = (Entity)context.Source!;
        try
        {
            return new ValueTask<object?>(parent.Binding.Fields[fieldName].Resolve(parent, context));
        }
        catch (Sources.SourceException failure)
        {
            // A value the source sent that cannot be coerced: an error of that source, on this field.
            throw new SourceFieldError(failure);
        }
    }
}
