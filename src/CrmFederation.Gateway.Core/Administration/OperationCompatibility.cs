using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Which remembered operations a proposed schema breaks: each document is validated with GraphQL.NET's own
/// rules against the live schema and the proposed one, and counts when it passes the first and fails the
/// second (one that no longer validates today is not this change's doing). Variables are not known, so
/// their values are not checked, only how the document uses them.
/// </summary>
public static class OperationCompatibility
{
    private static readonly DocumentValidator Validator = new();

    private static readonly IValidationRule[] Rules = [.. DocumentValidator.CoreRules];

    public static async Task<IReadOnlyList<BrokenOperation>> BrokenAsync(
        ISchema live, ISchema proposed, IReadOnlyList<RecentOperationRecord> operations, CancellationToken cancellationToken)
    {
        live.Initialize();
        proposed.Initialize();
        var broken = new List<BrokenOperation>();
        foreach (var operation in operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Parse(operation.Document) is not { } document || (await ErrorsAsync(live, document, operation.OperationName)).Count > 0)
            {
                continue;
            }

            var errors = await ErrorsAsync(proposed, document, operation.OperationName);
            if (errors.Count > 0)
            {
                broken.Add(new BrokenOperation(operation.Hash, operation.OperationName, operation.LastSeen, operation.Count, errors));
            }
        }

        return broken;
    }

    private static GraphQLDocument? Parse(string text)
    {
        try
        {
            return Parser.Parse(text);
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<string>> ErrorsAsync(ISchema schema, GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operations.FirstOrDefault(o => o.Name?.StringValue == operationName) ?? operations.FirstOrDefault();
        if (operation is null)
        {
            return [];
        }

        var result = await Validator.ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = Rules,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = null,
        });
        // Variable values were not sent, so their absence (InvalidVariableError) says nothing about the schema.
        return result.IsValid ? [] : [.. result.Errors.Where(e => e is not InvalidVariableError).Select(e => e.Message).Distinct()];
    }
}
