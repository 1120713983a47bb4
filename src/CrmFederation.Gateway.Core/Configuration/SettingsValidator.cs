namespace CrmFederation.Gateway.Configuration;

/// <summary>Checks <c>gateway.json</c>: every limit within the range the gateway can honour.</summary>
public static class SettingsValidator
{
    /// <summary>Bounds of a source's answer limit, in gateway.json and in each source.</summary>
    public const int MinSourceAnswerBytes = 1024;

    public const int MaxSourceAnswerBytes = 1024 * 1024 * 1024;

    public static void Validate(ConfigFile<GatewaySettingsConfig> file, List<ConfigDiagnostic> diagnostics)
    {
        var limits = file.Value.Limits;
        if (limits.MaxQueryDepth is < 1 or > 100)
        {
            diagnostics.Add(file.Error("$.limits.maxQueryDepth", $"The query depth limit {limits.MaxQueryDepth} is out of range.",
                "Use 1 to 100 levels (default 15); { customer { billing { legalName } } } is 3 levels deep."));
        }

        if (limits.MaxFieldCount is < 1 or > 100_000)
        {
            diagnostics.Add(file.Error("$.limits.maxFieldCount", $"The field count limit {limits.MaxFieldCount} is out of range.",
                "Use 1 to 100000 fields (default 1000); every alias and every use of a fragment counts."));
        }

        if (limits.MaxRequestBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            diagnostics.Add(file.Error("$.limits.maxRequestBodyBytes", $"The request body limit {limits.MaxRequestBodyBytes} bytes is out of range.",
                "Use 1024 (1 KiB) to 67108864 (64 MiB) bytes (default 1048576, 1 MiB)."));
        }

        if (limits.MaxSourceAnswerBytes is < MinSourceAnswerBytes or > MaxSourceAnswerBytes)
        {
            diagnostics.Add(file.Error("$.limits.maxSourceAnswerBytes", $"The source answer limit {limits.MaxSourceAnswerBytes} bytes is out of range.",
                "Use 1024 (1 KiB) to 1073741824 (1 GiB) bytes (default 16777216, 16 MiB); it bounds the memory one upstream answer can take."));
        }
    }
}
