using System.Collections.Concurrent;
using System.Security.Claims;
using GraphQL;
using GraphQL.DI;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>Records the principal each GraphQL request runs as: what field and row policies will see.</summary>
public sealed class CallerRecorder : IConfigureExecution
{
    private readonly ConcurrentQueue<ClaimsPrincipal> _callers = new();

    public float SortOrder => 1000;

    public ClaimsPrincipal Last => Assert.IsType<ClaimsPrincipal>(_callers.LastOrDefault(), exactMatch: false);

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        _callers.Enqueue(options.User!);
        return next(options);
    }
}
