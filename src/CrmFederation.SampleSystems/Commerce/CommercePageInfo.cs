using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CrmFederation.SampleSystems.Commerce;

/// <summary>
/// The <c>page_info</c> cursor of the orders list. As in Shopify it carries the whole query (the
/// customer ids and the position), so the <c>Link</c> URL needs only <c>limit</c> and <c>page_info</c>;
/// base64url of "v1:&lt;offset&gt;:&lt;id&gt;,&lt;id&gt;…", opaque to callers.
/// </summary>
internal sealed record CommercePageInfo(int Offset, long[] CustomerIds)
{
    private const string Version = "v1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Version}:{Offset}:{string.Join(',', CustomerIds)}"));

    public static CommercePageInfo? TryDecode(string text)
    {
        if (text.Length > 4096 || !Base64Url.IsValid(text))
        {
            return null;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
        if (parts is not [Version, var offsetText, var idsText]
            || !int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var idTexts = idsText.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var ids = new long[idTexts.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!long.TryParse(idTexts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
            {
                return null;
            }
        }

        return new CommercePageInfo(offset, ids);
    }
}
