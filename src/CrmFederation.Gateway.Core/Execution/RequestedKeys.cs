using System.Text.Json;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The keys a batch asked for, matching the items the source sent back to them. An item's key is read
/// into a stack buffer and looked up as characters: a page of items makes no key strings, and items
/// nobody asked for are dropped.
/// </summary>
public sealed class RequestedKeys(IEnumerable<string> keys, StringComparer comparer)
{
    // RequestUriBuilder never sends a longer key, so a longer item key cannot match one.
    private const int MaxKeyLength = 320;

    private readonly HashSet<string> _keys = new(keys, comparer);

    /// <summary>The requested key that <paramref name="item"/>'s value at <paramref name="matchOn"/> answers, or null.</summary>
    public string? Match(JsonPath matchOn, JsonElement item)
    {
        Span<char> buffer = stackalloc char[MaxKeyLength];
        if (matchOn.TryCopyKey(item, buffer, out var length) && _keys.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            return lookup.TryGetValue(buffer[..length], out var key) ? key : null;
        }

        return matchOn.ResolveKey(item) is { } text && _keys.TryGetValue(text, out var requested) ? requested : null;
    }
}
