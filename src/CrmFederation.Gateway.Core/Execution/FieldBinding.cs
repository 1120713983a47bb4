using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>How one field's value is produced from its parent <see cref="Entity"/>.</summary>
public abstract class FieldBinding
{
    /// <summary>Returns the value, or an <see cref="GraphQL.DataLoader.IDataLoaderResult"/> when it needs a batched fetch.</summary>
    public abstract object? Resolve(Entity parent, IResolveFieldContext context);
}
