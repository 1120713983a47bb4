using System.Text;
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

    public override string ToString() => Text;
}
