using System.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// A dotted path into a source's JSON (<c>satisfaction_rating.score</c>), pre-split into UTF-8
/// segments so that the hot path looks properties up without transcoding names.
/// </summary>
public sealed class JsonPath
{
    private readonly byte[][] _segments;

    private JsonPath(string text)
    {
        Text = text;
        _segments = text.Length == 0 ? [] : text.Split('.').Select(Encoding.UTF8.GetBytes).ToArray();
    }

    public string Text { get; }

    /// <summary>The path of the item itself (an empty path).</summary>
    public static JsonPath Self { get; } = new("");

    public static JsonPath Parse(string text) => new(text);

    public static bool IsWellFormed(string text) =>
        text.Length > 0 && text.Split('.').All(segment => segment.Length > 0);

    /// <summary>Finds the value at the path; false when any step is missing or not an object. A JSON null is found.</summary>
    public bool TryResolve(JsonElement element, out JsonElement value)
    {
        value = element;
        foreach (var segment in _segments)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    /// <summary>The value at the path as a key string (strings as they are, numbers as written), or null.</summary>
    public string? ResolveKey(JsonElement element)
    {
        if (!TryResolve(element, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>
    /// The key at the path, as <see cref="ResolveKey"/> reads it, copied into <paramref name="destination"/>
    /// without making a string; false when there is none, it is escaped, or it does not fit.
    /// </summary>
    public bool TryCopyKey(JsonElement element, Span<char> destination, out int written)
    {
        written = 0;
        if (!TryResolve(element, out var value))
        {
            return false;
        }

        var raw = value.ValueKind switch
        {
            JsonValueKind.String => JsonMarshal.GetRawUtf8Value(value)[1..^1],
            JsonValueKind.Number => JsonMarshal.GetRawUtf8Value(value),
            _ => default,
        };
        return !raw.IsEmpty && raw.IndexOf((byte)'\\') < 0 && Encoding.UTF8.TryGetChars(raw, destination, out written);
    }

    public override string ToString() => Text;
}
