using GraphQL;
using GraphQL.DI;

namespace CrmFederation.Gateway.Administration;

/// <summary>Remembers each operation the gateway ran (one that parsed and validated) in <see cref="RecentOperations"/>.</summary>
public sealed class RecentOperationsRecorder(RecentOperations operations) : IConfigureExecution
{
    /// <summary>After the trusted-document gate (50), which turns a document id into its text.</summary>
    public float SortOrder => 150;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options);
        if (result.Executed && options.Query is { } document)
        {
            operations.Seen(document, result.Operation?.Name?.StringValue ?? options.OperationName);
        }

        return result;
    }
}
