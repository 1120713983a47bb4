using System.Buffers;

namespace CrmFederation.SampleSystems.Http;

/// <summary>
/// A growable list over a pooled array, for collecting a response's items without allocating a
/// new array per request. Dispose returns the array (cleared, so the pool holds no entities).
/// </summary>
internal sealed class PooledItems<T> : IDisposable
{
    private T[] _items;

    public PooledItems(int capacity) => _items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));

    public int Count { get; private set; }

    public Span<T> Span => _items.AsSpan(0, Count);

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }

        _items[Count++] = item;
    }

    /// <summary>Adds <paramref name="item"/> unless an equal one (for arrays: the same one) is already in.</summary>
    public void AddIfAbsent(T item)
    {
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < Count; i++)
        {
            if (comparer.Equals(_items[i], item))
            {
                return;
            }
        }

        Add(item);
    }

    /// <summary>Puts the items in a random order, as the systems answer batches.</summary>
    public void Shuffle() => Random.Shared.Shuffle(Span);

    public void Dispose()
    {
        ArrayPool<T>.Shared.Return(_items, clearArray: true);
        _items = [];
        Count = 0;
    }
}
