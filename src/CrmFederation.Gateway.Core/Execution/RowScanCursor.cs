using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Where a row scan stopped: the source's cursor of the page it was reading (null: the first page), how
/// many of that page's rows were used, and the page size the source was read with (a source's pages only
/// line up again at the same size). The gateway hands it out as <c>endCursor</c> when it filters a list
/// itself, and takes it back as <c>after</c>; all of it lives here, so the text can be wrapped (signed) in one place.
/// </summary>
public sealed record RowScanCursor(string? After, int Skip, int PageSize)
{
    public bool IsStart => After is null && Skip == 0;

    public static RowScanCursor Start(int pageSize) => new(null, 0, pageSize);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(After is null ? $"{PageSize}.{Skip}" : $"{PageSize}.{Skip}.{After}"));

    /// <summary>The cursor <paramref name="text"/> encodes, or null when it is none the gateway could have handed out for pages of at most <paramref name="maxPageSize"/>.</summary>
    public static RowScanCursor? Decode(string text, int maxPageSize)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = decoded.Split('.', 3);
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            || pageSize < 1 || pageSize > maxPageSize || skip > pageSize)
        {
            return null;
        }

        return new RowScanCursor(parts.Length == 3 ? parts[2] : null, skip, pageSize);
    }
}
