using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Where a source reports errors inside 2xx answers (<c>{"success": false, "errors": [{"code": "606"}]}</c>,
/// <c>{"ok": false, "error": "ratelimited"}</c>), compiled from gateway-config. An answer it finds an
/// error in fails like the HTTP error of that kind: retried, counted by the breaker, never cached.
/// </summary>
public sealed class ErrorEnvelope(JsonPath? success, JsonPath? errorCode, JsonPath? errorMessage, IReadOnlyDictionary<string, string> kinds)
{
    /// <summary>Longest code or message passed on; a source could put anything there.</summary>
    public const int MaxReportedLength = 200;

    /// <summary>The failure the answer reports; null when it reports success.</summary>
    public SourceException? FailureIn(JsonElement body, string source, int status)
    {
        if (success is not null)
        {
            if (!success.TryResolve(body, out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return SourceException.BadResponse(source, $"the body has no boolean '{success}'", status);
            }

            if (flag.ValueKind == JsonValueKind.True)
            {
                return null;
            }
        }

        var code = Reported(errorCode, body);
        if (success is null && code is null)
        {
            return null;
        }

        // An error the config does not classify is refused like an unknown 4xx: neither retried nor held against the source.
        var kind = code is not null && kinds.TryGetValue(code, out var known) ? known : SourceErrorCode.Rejected;
        return SourceException.FromEnvelope(source, kind, status, Printable(code), Printable(Reported(errorMessage, body)));
    }

    /// <summary>A string, number or true at the path, as the source wrote it; null for anything else (absent, null, false, empty).</summary>
    private static string? Reported(JsonPath? path, JsonElement body)
    {
        if (path is null || !path.TryResolve(body, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            _ => null,
        };
    }

    private static string? Printable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var shown = text.Length > MaxReportedLength ? text[..MaxReportedLength] + "…" : text;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
