using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// GraphQL.NET's parallel strategy, completing batched fields one upstream batch at a time. The base
/// strategy awaits every pending row on its own: a page of fifty customers with five fetched fields
/// keeps 250 awaits (and their state machines) in flight for what are five upstream calls. Here the
/// rows waiting on one batch share one await (<see cref="RowsAwaitingBatch"/>).
/// </summary>
public sealed class BatchAwareExecutionStrategy : ParallelExecutionStrategy
{
    protected override Task CompleteDataLoaderNodeAsync(ExecutionContext context, ExecutionNode node)
    {
        if (node.Result is not KeyedValue { Load.Batch: var batch })
        {
            return base.CompleteDataLoaderNodeAsync(context, node);
        }

        var answer = batch.Dispatch();
        if (answer.IsCompleted)
        {
            return base.CompleteDataLoaderNodeAsync(context, node);
        }

        // One strategy loop per request adds rows, and batches belong to one request: no race on creating the group.
        var rows = batch.AwaitingRows ??= Group(answer, context);
        return rows.Add(node) ?? base.CompleteDataLoaderNodeAsync(context, node);
    }

    // Its own method so that the closure is allocated once per batch, not on every call.
    private RowsAwaitingBatch Group(Task<BatchOutcome> answer, ExecutionContext context) =>
        new(answer, row => base.CompleteDataLoaderNodeAsync(context, row));
}
