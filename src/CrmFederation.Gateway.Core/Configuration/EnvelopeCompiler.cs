using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Configuration;

/// <summary>Checks an <c>envelope</c> of a source or endpoint and compiles it into an <see cref="ErrorEnvelope"/>.</summary>
public static class EnvelopeCompiler
{
    public static ErrorEnvelope? Compile(ConfigFile<SourceConfig> file, string at, EnvelopeConfig? envelope, List<ConfigDiagnostic> diagnostics)
    {
        if (envelope is null)
        {
            return null;
        }

        var errorsBefore = diagnostics.Count;
        var success = PathOf(file, at + ".success", envelope.Success, diagnostics);
        var errorCode = PathOf(file, at + ".errorCode", envelope.ErrorCode, diagnostics);
        var errorMessage = PathOf(file, at + ".errorMessage", envelope.ErrorMessage, diagnostics);
        if (envelope.Success is null && envelope.ErrorCode is null)
        {
            diagnostics.Add(file.Error(at, "An envelope needs success (the path of the flag that is false on errors) or errorCode (the path of a code present only on errors).",
                "Example: { \"success\": \"success\", \"errorCode\": \"errors[0].code\" }."));
        }

        var kinds = Kinds(file, at + ".codes", envelope.Codes, diagnostics);
        if (kinds.Count > 0 && envelope.ErrorCode is null)
        {
            diagnostics.Add(file.Error(at + ".codes", "Codes are compared with the answer's error code, but the envelope has no errorCode.",
                "Add \"errorCode\": the path of the code, such as \"errors[0].code\" or \"error\"."));
        }

        return diagnostics.Count > errorsBefore ? null : new ErrorEnvelope(success, errorCode, errorMessage, kinds);
    }

    private static JsonPath? PathOf(ConfigFile<SourceConfig> file, string at, string? path, List<ConfigDiagnostic> diagnostics)
    {
        if (path is null)
        {
            return null;
        }

        if (!JsonPath.IsWellFormedIndexed(path))
        {
            diagnostics.Add(file.Error(at, $"'{path}' is not a path.", "A dotted path whose segments may end in array indexes, such as \"errors[0].code\"."));
            return null;
        }

        return JsonPath.ParseIndexed(path);
    }

    /// <summary>The source's codes, each to the error code of its kind.</summary>
    private static Dictionary<string, string> Kinds(ConfigFile<SourceConfig> file, string at, EnvelopeCodesConfig codes, List<ConfigDiagnostic> diagnostics)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var listedUnder = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, list, kind) in new[]
        {
            ("rateLimited", codes.RateLimited, SourceErrorCode.RateLimited),
            ("unauthorized", codes.Unauthorized, SourceErrorCode.Unauthorized),
            ("rejected", codes.Rejected, SourceErrorCode.Rejected),
            ("unavailable", codes.Unavailable, SourceErrorCode.Unavailable),
        })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var code = list[i];
                if (code.Length == 0)
                {
                    diagnostics.Add(file.Error($"{at}.{name}[{i}]", "An error code cannot be empty.", "Write the code as the source sends it, such as \"606\" or \"ratelimited\"."));
                }
                else if (!listedUnder.TryAdd(code, name))
                {
                    diagnostics.Add(file.Error($"{at}.{name}[{i}]", $"Error code '{code}' is listed under {listedUnder[code]} and {name}.",
                        "List each code under one kind: it decides whether the call is retried and held against the source."));
                }
                else
                {
                    kinds[code] = kind;
                }
            }
        }

        return kinds;
    }
}
