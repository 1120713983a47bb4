using System.Text;

namespace CrmFederation.Gateway.Configuration;

/// <summary>One file of a gateway-config: its path relative to the directory ('/'-separated) and its bytes.</summary>
public sealed class ConfigFileContent(string path, ReadOnlyMemory<byte> bytes)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public ConfigFileContent(string path, string text)
        : this(path, Utf8.GetBytes(text))
    {
    }

    public string Path { get; } = path;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>The text, a leading byte order mark left out.</summary>
    public string Text => Utf8.GetString(Bytes.Span.StartsWith(Utf8.Preamble) ? Bytes.Span[Utf8.Preamble.Length..] : Bytes.Span);

    public bool SameBytesAs(ConfigFileContent other) => Bytes.Span.SequenceEqual(other.Bytes.Span);
}
