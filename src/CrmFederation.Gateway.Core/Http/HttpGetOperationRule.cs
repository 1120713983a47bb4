using GraphQL.Validation;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// GET is safe (RFC 9110 §9.2.1), so it may only run queries. Runs with every GET, also against
/// documents an app has cached as validated (<see cref="GraphQL.ExecutionOptions.CachedDocumentValidationRules"/>).
/// </summary>
public sealed class HttpGetOperationRule : ValidationRuleBase
{
    public static HttpGetOperationRule Instance { get; } = new();

    private HttpGetOperationRule()
    {
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation.Operation != OperationType.Query)
        {
            var message = operation.Operation == OperationType.Mutation
                ? "A mutation cannot be sent with GET; send it with POST."
                : "A subscription cannot be sent with GET.";
            context.ReportError(new HttpMethodValidationError(context.Document.Source, operation, message));
        }

        return default;
    }
}
