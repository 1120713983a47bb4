using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Access;

/// <summary>Checks and compiles what limits a role's callers: its rate limit and whether it runs trusted documents only.</summary>
public static class RoleLimitsCompiler
{
    private const int MaxRequestsPerMinute = 1_000_000;

    private const int MaxBurst = 100_000;

    public static (FrozenDictionary<string, ClientRateLimit> RateLimits, FrozenSet<string> TrustedDocumentRoles) Compile(
        ConfigFile<AccessConfig> file, TrustedDocumentRegistry trustedDocuments, List<ConfigDiagnostic> diagnostics)
    {
        var rateLimits = new Dictionary<string, ClientRateLimit>(StringComparer.Ordinal);
        var enforcing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, role) in file.Value.Roles)
        {
            if (role.RateLimit is { } rateLimit && RateLimit(file, name, rateLimit, diagnostics) is { } compiled)
            {
                rateLimits[name] = compiled;
            }

            switch (role.TrustedDocuments)
            {
                case RoleConfig.AnyDocument:
                    break;
                case RoleConfig.EnforceTrustedDocuments:
                    enforcing.Add(name);
                    if (trustedDocuments.Count == 0)
                    {
                        diagnostics.Add(file.Warning($"$.roles.{name}.trustedDocuments", $"Role '{name}' runs trusted documents only, and there are none: its callers can run nothing.",
                            $"List the operations its apps send in {ConfigDirectoryReader.TrustedDocumentsFileName}."));
                    }

                    break;
                default:
                    diagnostics.Add(file.Error($"$.roles.{name}.trustedDocuments", $"Role '{name}' has the unknown trustedDocuments mode '{role.TrustedDocuments}'.",
                        $"Use \"{RoleConfig.EnforceTrustedDocuments}\" (only the operations of {ConfigDirectoryReader.TrustedDocumentsFileName}) or \"{RoleConfig.AnyDocument}\" (any document, the default)."));
                    break;
            }
        }

        return (rateLimits.ToFrozenDictionary(StringComparer.Ordinal), enforcing.ToFrozenSet(StringComparer.Ordinal));
    }

    private static ClientRateLimit? RateLimit(ConfigFile<AccessConfig> file, string role, RateLimitConfig config, List<ConfigDiagnostic> diagnostics)
    {
        var at = $"$.roles.{role}.rateLimit";
        var errors = diagnostics.Count;
        if (config.RequestsPerMinute is < 1 or > MaxRequestsPerMinute)
        {
            diagnostics.Add(file.Error($"{at}.requestsPerMinute", $"Role '{role}' allows {config.RequestsPerMinute} requests per minute, out of range.",
                $"Use 1 to {MaxRequestsPerMinute}; to set no limit, leave rateLimit out."));
        }

        var secondsWorth = (config.RequestsPerMinute + 59) / 60;
        if (config.Burst is < 1 or > MaxBurst)
        {
            diagnostics.Add(file.Error($"{at}.burst", $"Role '{role}' allows a burst of {config.Burst} requests, out of range.",
                $"Use 1 to {MaxBurst}: the requests a client may send at once before the rate applies."));
        }
        else if (config.Burst < secondsWorth && diagnostics.Count == errors)
        {
            diagnostics.Add(file.Error($"{at}.burst", $"Role '{role}' allows a burst of {config.Burst}, less than one second of its rate.",
                $"The bucket refills about once a second, so a burst below {secondsWorth} caps the rate below {config.RequestsPerMinute} a minute; raise it to {secondsWorth} or more."));
        }

        return diagnostics.Count == errors ? new ClientRateLimit(config.RequestsPerMinute, config.Burst) : null;
    }
}
