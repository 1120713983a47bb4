using CrmFederation.Gateway.Configuration;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Gives every GraphQL request the current snapshot's schema and root, and its own
/// <see cref="RequestScope"/>, released only after the response has been written.
/// </summary>
public sealed class GatewayExecutionConfigurer(GatewaySnapshotHolder snapshots, IHttpContextAccessor http) : IConfigureExecution
{
    public float SortOrder => 100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var snapshot = snapshots.Current;
        options.Schema = snapshot.Schema;
        options.Root = snapshot.Root;
        var scope = new RequestScope(snapshot.Clients, options.CancellationToken);
        options.UserContext[RequestScope.UserContextKey] = scope;

        // Results point into upstream documents until they are serialized; without an HTTP response to
        // tie them to, the caller owns the scope through the user context.
        http.HttpContext?.Response.RegisterForDispose(scope);

        var result = await next(options);
        if (!scope.Errors.IsEmpty)
        {
            result.Errors ??= [];
            foreach (var error in scope.Errors)
            {
                result.Errors.Add(error);
            }
        }

        return result;
    }
}
