using CrmFederation.Gateway.Access;

namespace CrmFederation.Gateway.Configuration;

/// <summary>Checks <c>gateway.json</c>: every limit within the range the gateway can honour, every role override naming a role of access.json.</summary>
public static class SettingsValidator
{
    private const string UpstreamCallsHint = "Use 1 to 100000 calls (default 50); customer-360 over 50 customers is estimated at 11.";
    private const string ResultItemsHint = "Use 1 to 100000000 values (default 50000); each field of each row counts one.";
    private const string ResponseBytesHint = "Use 1024 (1 KiB) to 1073741824 (1 GiB) bytes (default 8388608, 8 MiB).";

    /// <summary>Bounds of a source's answer limit, in gateway.json and in each source.</summary>
    public const int MinSourceAnswerBytes = 1024;

    public const int MaxSourceAnswerBytes = 1024 * 1024 * 1024;

    public static void Validate(ConfigFile<GatewaySettingsConfig> file, AccessModel? access, List<ConfigDiagnostic> diagnostics)
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

        if (limits.MaxScanRows is < 1 or > 1_000_000)
        {
            diagnostics.Add(file.Error("$.limits.maxScanRows", $"The scan limit {limits.MaxScanRows} rows is out of range.",
                "Use 1 to 1000000 source rows (default 10000); a request whose lists the gateway filters or sorts reading more fails with FILTER_SCAN_LIMIT."));
        }

        if (limits.MaxFilterValues is < 1 or > 10_000)
        {
            diagnostics.Add(file.Error("$.limits.maxFilterValues", $"The filter value limit {limits.MaxFilterValues} is out of range.",
                "Use 1 to 10000 values (default 100) one 'in' of a where filter may list."));
        }

        if (limits.MaxFilterTerms is < 1 or > 10_000)
        {
            diagnostics.Add(file.Error("$.limits.maxFilterTerms", $"The filter term limit {limits.MaxFilterTerms} is out of range.",
                "Use 1 to 10000 terms (default 100); each field, comparison, and, or and not of a where filter counts one."));
        }

        CheckCostLimits(file, "$.limits", limits.MaxUpstreamCalls, limits.MaxResultItems, limits.MaxResponseBytes, diagnostics);
        if (file.Value.Writes.IdempotencyKeyTtlSeconds is < 1 or > 30 * 86_400)
        {
            diagnostics.Add(file.Error("$.writes.idempotencyKeyTtlSeconds", $"The idempotency key lifetime {file.Value.Writes.IdempotencyKeyTtlSeconds} s is out of range.",
                "Use 1 to 2592000 seconds (30 days; default 86400, one day): as long as clients may retry a mutation."));
        }

        foreach (var (role, overrides) in limits.ByRole)
        {
            var at = $"$.limits.byRole.{role}";
            if (access is not null && !access.Roles.ContainsKey(role))
            {
                diagnostics.Add(file.Error(at, $"Unknown role '{role}': access.json does not declare it, so no caller could have it.",
                    access.Roles.Count == 0 ? "Declare the role in access.json." : $"Known roles: {string.Join(", ", access.Roles.Keys.Order(StringComparer.Ordinal))}."));
            }

            CheckCostLimits(file, at, overrides.MaxUpstreamCalls, overrides.MaxResultItems, overrides.MaxResponseBytes, diagnostics);
            if (overrides.MaxPageSize is < 1 or > 10_000)
            {
                diagnostics.Add(file.Error(at + ".maxPageSize", $"The page size limit {overrides.MaxPageSize} is out of range.",
                    "Use 1 to 10000 rows; the gateway reads the source's pages one after another to fill a page larger than the binding's max."));
            }
        }
    }

    private static void CheckCostLimits(ConfigFile<GatewaySettingsConfig> file, string at, int? upstreamCalls, int? resultItems, int? responseBytes, List<ConfigDiagnostic> diagnostics)
    {
        if (upstreamCalls is < 1 or > 100_000)
        {
            diagnostics.Add(file.Error(at + ".maxUpstreamCalls", $"The upstream call limit {upstreamCalls} is out of range.", UpstreamCallsHint));
        }

        if (resultItems is < 1 or > 100_000_000)
        {
            diagnostics.Add(file.Error(at + ".maxResultItems", $"The result item limit {resultItems} is out of range.", ResultItemsHint));
        }

        if (responseBytes is < 1024 or > 1024 * 1024 * 1024)
        {
            diagnostics.Add(file.Error(at + ".maxResponseBytes", $"The response size limit {responseBytes} bytes is out of range.", ResponseBytesHint));
        }
    }
}
