using GraphQL;

namespace CrmFederation.Gateway.Execution;

public static class ExecutionErrorExtensions
{
    /// <summary>
    /// Places an error at the field being resolved, for errors reported beside a value (an empty list, a
    /// null) rather than thrown: GraphQL.NET locates only the errors it catches.
    /// </summary>
    public static TError At<TError>(this TError error, IResolveFieldContext context)
        where TError : ExecutionError
    {
        error.AddLocation(context.FieldAst, context.Document);
        error.Path = context.ResponsePath;
        return error;
    }
}
