using GraphQL.Execution;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The rows of a level waiting for the same upstream batch. They share one await; once the batch has
/// answered, each row is completed in turn, synchronously, since its value is then at hand.
/// </summary>
public sealed class RowsAwaitingBatch
{
    private readonly Lock _gate = new();
    private readonly List<ExecutionNode> _rows = [];
    private readonly Func<ExecutionNode, Task> _complete;
    private bool _completing;

    public RowsAwaitingBatch(Task<BatchOutcome> batch, Func<ExecutionNode, Task> complete)
    {
        _complete = complete;
        Completion = CompleteAsync(batch);
    }

    /// <summary>Done when the batch has answered and every row added has been completed.</summary>
    public Task Completion { get; }

    /// <summary>
    /// What the strategy hands back for <paramref name="row"/>: the group's completion for its first row
    /// and a completed task for the others (their level already waits for the group through the first;
    /// one task in the level's WhenAll fifty times over would cost fifty continuations), or null once the
    /// rows are being completed: the batch has answered, and the caller completes its row itself.
    /// </summary>
    public Task? Add(ExecutionNode row)
    {
        lock (_gate)
        {
            if (_completing)
            {
                return null;
            }

            _rows.Add(row);
            return _rows.Count == 1 ? Completion : Task.CompletedTask;
        }
    }

    private async Task CompleteAsync(Task<BatchOutcome> batch)
    {
        // A failed batch is each row's own error, seen when the row reads its result.
        await ((Task)batch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            _completing = true;
        }

        foreach (var row in _rows)
        {
            await _complete(row).ConfigureAwait(false);
        }
    }
}
