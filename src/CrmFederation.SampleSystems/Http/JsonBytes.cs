using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmFederation.SampleSystems.Http;

/// <summary>Serializes one entity to UTF-8 JSON bytes with a per-thread reusable writer.</summary>
internal static class JsonBytes
{
    /// <summary>
    /// Relaxed escaping: the data is plain text served as JSON, and "&amp;" or "+" should read as
    /// themselves rather than \u0026 in the sample payloads.
    /// </summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        write(writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static Stored<T> Store<T>(T value, Action<Utf8JsonWriter, T> write) => new(value, Write(value, write));
}
