using System.Globalization;
using System.Text.Json;

namespace CrmFederation.SampleSystems.Http;

/// <summary>
/// The text forms of dates, instants and money the four contracts use, written straight into a JSON
/// writer as UTF-8. Formatting by hand keeps start-up serialization of a few hundred thousand records
/// cheap, where custom .NET format strings would be parsed for every value.
/// </summary>
internal static class WireFormats
{
    /// <summary>"2024-05-01T10:15:30Z": UTC with whole seconds (CRM, helpdesk).</summary>
    public static void WriteUtc(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset instant)
    {
        Span<byte> text = stackalloc byte[20];
        DateTime(text, instant.UtcDateTime);
        text[19] = (byte)'Z';
        writer.WriteString(name, text);
    }

    /// <summary>"2024-05-01T10:15:30-04:00": local time with its offset (commerce, Shopify style).</summary>
    public static void WriteWithOffset(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset instant)
    {
        Span<byte> text = stackalloc byte[25];
        DateTime(text, instant.DateTime);
        var offset = (int)instant.Offset.TotalMinutes;
        text[19] = offset < 0 ? (byte)'-' : (byte)'+';
        offset = Math.Abs(offset);
        Digits(text.Slice(20, 2), offset / 60);
        text[22] = (byte)':';
        Digits(text.Slice(23, 2), offset % 60);
        writer.WriteString(name, text);
    }

    /// <summary>"2026-01-15".</summary>
    public static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        Date(text, date.Year, date.Month, date.Day);
        writer.WriteString(name, text);
    }

    /// <summary>"1234.50": money as a string with two decimals (commerce).</summary>
    public static void WriteMoneyString(Utf8JsonWriter writer, JsonEncodedText name, decimal amount)
    {
        Span<byte> text = stackalloc byte[32];
        amount.TryFormat(text, out var length, "F2", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss" into the first 19 bytes.</summary>
    private static void DateTime(Span<byte> text, DateTime value)
    {
        Date(text, value.Year, value.Month, value.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), value.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), value.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), value.Second);
    }

    private static void Date(Span<byte> text, int year, int month, int day)
    {
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
    }

    /// <summary>Writes <paramref name="value"/> zero-padded to exactly the span's width.</summary>
    private static void Digits(Span<byte> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
