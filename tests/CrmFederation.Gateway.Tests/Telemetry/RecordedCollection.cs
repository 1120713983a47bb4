using System.Collections;

namespace CrmFederation.Gateway.Tests.Telemetry;

/// <summary>
/// What an in-memory exporter received, safe to read while the exporter still writes, and awaitable:
/// spans of a server end after the client has its response, so tests wait for them instead of sleeping.
/// </summary>
public sealed class RecordedCollection<T> : ICollection<T>
{
    /// <summary>Only guards against a hang when what the test waits for is never exported.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds for what has been recorded.</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition)
    {
        lock (_gate)
        {
            if (condition(_items))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(HangGuard);
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
            _waiters.RemoveAll(waiter => waiter.Condition(_items) && waiter.Done.TrySetResult());
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_gate)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_gate)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_gate)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
