using System.Buffers.Text;
using System.Text;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// The list's <c>after</c> cursor: base64url of "o:&lt;offset&gt;". Opaque to callers, who only pass back
/// what <c>paging.next.after</c> gave them; anything else is refused.
/// </summary>
internal static class CrmCursor
{
    private const string Prefix = "o:";

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset.ToString()));

    public static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        if (cursor.Length is 0 or > 32 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, null, out offset);
    }
}
