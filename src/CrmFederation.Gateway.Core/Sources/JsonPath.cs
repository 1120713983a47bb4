using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// A dotted path into a source's JSON (<c>satisfaction_rating.score</c>), pre-split into UTF-8
/// segments so that the hot path looks properties up without transcoding names. Paths parsed with
/// <see cref="ParseIndexed"/> may also step into arrays (<c>errors[0].code</c>).
/// </summary>
public sealed class JsonPath
{
    private readonly Segment[] _segments;

    private JsonPath(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>The path of the item itself (an empty path).</summary>
    public static JsonPath Self { get; } = new("", []);

    /// <summary>A dotted path of property names; brackets are part of a name.</summary>
    public static JsonPath Parse(string text) =>
        new(text, text.Length == 0 ? [] : text.Split('.').Select(name => new Segment(Encoding.UTF8.GetBytes(name), -1)).ToArray());

    /// <summary>A dotted path whose segments may end in array indexes (<c>errors[0].code</c>, <c>a[1][0]</c>); check it with <see cref="IsWellFormedIndexed"/>.</summary>
    public static JsonPath ParseIndexed(string text) =>
        new(text, text.Split('.').SelectMany(IndexedSegments).ToArray());

    public static bool IsWellFormed(string text) =>
        text.Length > 0 && text.Split('.').All(segment => segment.Length > 0);

    public static bool IsWellFormedIndexed(string text) =>
        text.Length > 0 && text.Split('.').All(IsIndexedSegment);

    /// <summary>Finds the value at the path; false when any step is missing or of the wrong kind. A JSON null is found.</summary>
    public bool TryResolve(JsonElement element, out JsonElement value)
    {
        value = element;
        foreach (var segment in _segments)
        {
            if (!segment.TryStep(value, out value))
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

    /// <summary><c>name[0][1]</c>: a name, then any number of indexes.</summary>
    private static bool IsIndexedSegment(string segment)
    {
        var bracket = segment.IndexOf('[');
        var name = bracket < 0 ? segment : segment[..bracket];
        if (name.Length == 0 || name.Contains(']'))
        {
            return false;
        }

        var rest = segment[name.Length..];
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']');
            if (rest[0] != '[' || close < 2 || !int.TryParse(rest.AsSpan(1, close - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            rest = rest[(close + 1)..];
        }

        return true;
    }

    private static IEnumerable<Segment> IndexedSegments(string segment)
    {
        var bracket = segment.IndexOf('[');
        yield return new Segment(Encoding.UTF8.GetBytes(bracket < 0 ? segment : segment[..bracket]), -1);
        foreach (var index in bracket < 0 ? [] : segment[(bracket + 1)..^1].Split("]["))
        {
            yield return new Segment(null, int.Parse(index, NumberStyles.None, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>One step: a property name, or (name null) an array index.</summary>
    private readonly record struct Segment(byte[]? Name, int Index)
    {
        public bool TryStep(JsonElement from, out JsonElement to)
        {
            if (Name is not null)
            {
                to = default;
                return from.ValueKind == JsonValueKind.Object && from.TryGetProperty(Name, out to);
            }

            var found = from.ValueKind == JsonValueKind.Array && Index < from.GetArrayLength();
            to = found ? from[Index] : default;
            return found;
        }
    }
}
