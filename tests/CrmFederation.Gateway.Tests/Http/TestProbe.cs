namespace CrmFederation.Gateway.Tests.Http;

/// <summary>Per-host state the test schema and pipeline report into.</summary>
public sealed class TestProbe
{
    private int _counter;

    public int Counter => Volatile.Read(ref _counter);

    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How the endpoint's pipeline ended: null when it returned, else what it threw.</summary>
    public TaskCompletionSource<Exception?> PipelineEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExecutionSnapshot? LastExecution { get; set; }

    public int Increment() => Interlocked.Increment(ref _counter);
}
