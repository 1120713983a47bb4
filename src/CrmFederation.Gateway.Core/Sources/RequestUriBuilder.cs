using System.Text;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Builds the URI of one endpoint call. Every key and value is escaped on its own, so a hostile key
/// (<c>C-1&amp;ids=…</c>, <c>../admin</c>) stays one opaque value and cannot change the request's shape.
/// </summary>
public static class RequestUriBuilder
{
    public static Uri Build(EndpointDefinition endpoint, IReadOnlyList<string> keys, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var builder = new StringBuilder(256);
        var baseUri = endpoint.Source.BaseUri.AbsoluteUri.TrimEnd('/');
        builder.Append(baseUri);
        if (endpoint.IsPerKey)
        {
            builder.Append(endpoint.Path.Replace(EndpointDefinition.KeyPlaceholder, Uri.EscapeDataString(keys[0]), StringComparison.Ordinal));
        }
        else
        {
            builder.Append(endpoint.Path);
        }

        var separator = '?';
        foreach (var (name, value) in endpoint.FixedQuery)
        {
            Append(builder, ref separator, name, value);
        }

        foreach (var (name, value) in parameters)
        {
            Append(builder, ref separator, name, value);
        }

        if (endpoint.KeyParameter is { } keyParameter)
        {
            if (endpoint.RepeatListParameters)
            {
                foreach (var key in keys)
                {
                    Append(builder, ref separator, keyParameter, key);
                }
            }
            else
            {
                builder.Append(separator).Append(Uri.EscapeDataString(keyParameter)).Append('=');
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append(Uri.EscapeDataString(keys[i]));
                }
            }
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>
    /// False for keys that cannot be sent faithfully: empty, over-long, with control characters, a comma
    /// when keys travel comma-separated, or a dot segment in a path. Such keys are answered "not found"
    /// without a call.
    /// </summary>
    public static bool IsSendable(EndpointDefinition endpoint, string key)
    {
        if (key.Length is 0 or > 320 || IsControl(key) || !IsWellFormedUtf16(key))
        {
            return false;
        }

        if (endpoint.IsPerKey && key is "." or "..")
        {
            return false;
        }

        return endpoint.RepeatListParameters || endpoint.KeyParameter is null || !key.Contains(',', StringComparison.Ordinal);
    }

    /// <summary>Escaping would replace a lone surrogate with U+FFFD and ask the source for another key.</summary>
    /// <summary>Whether any character is a control character (what <see cref="char.IsControl(char)"/> says, without enumerating).</summary>
    private static bool IsControl(string key) =>
        key.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || key.AsSpan().ContainsAnyInRange('\u007F', '\u009F');

    private static bool IsWellFormedUtf16(string key)
    {
        var remaining = key.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(remaining, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            remaining = remaining[consumed..];
        }

        return true;
    }

    private static void Append(StringBuilder builder, ref char separator, string name, string value)
    {
        builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        separator = '&';
    }
}
