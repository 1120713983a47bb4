namespace CrmFederation.Gateway.Configuration;

/// <summary>Checks <c>gateway.json</c>: every limit within the range the gateway can honour.</summary>
public static class SettingsValidator
{
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

        if (limits.MaxScanRows is < 1 or > 1_000_000)
        {
            diagnostics.Add(file.Error("$.limits.maxScanRows", $"The scan limit {limits.MaxScanRows} rows is out of range.",
                "Use 1 to 1000000 source rows (default 10000); a row-filtered list reading more fails with FILTER_SCAN_LIMIT."));
        }
    }
}
