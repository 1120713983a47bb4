using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Configuration;

/// <summary>Checks one write endpoint of a source (<c>writes</c> in <c>sources/*.json</c>) and compiles it.</summary>
public static class WriteEndpointCompiler
{
    private static readonly string[] Methods = ["PATCH", "PUT", "POST"];

    public static WriteEndpointDefinition? Compile(
        ConfigFile<SourceConfig> file, SourceDefinition source, string name, WriteEndpointConfig write, List<ConfigDiagnostic> diagnostics)
    {
        var at = $"$.writes.{name}";
        var errorsBefore = diagnostics.Count;
        if (!source.Endpoints.TryGetValue(write.Updates, out var updates))
        {
            diagnostics.Add(file.Error(at + ".updates", $"'{write.Updates}' is not a read endpoint of source '{source.Name}'.",
                Schema.Suggestions.For(write.Updates, source.Endpoints.Keys)));
        }

        if (!Methods.Contains(write.Method, StringComparer.Ordinal))
        {
            diagnostics.Add(file.Error(at + ".method", $"Unknown write method '{write.Method}'.", $"Use one of: {string.Join(", ", Methods)}."));
        }

        if (!write.Path.StartsWith('/') || !write.Path.Contains(EndpointDefinition.KeyPlaceholder, StringComparison.Ordinal))
        {
            diagnostics.Add(file.Error(at + ".path", "A write path starts with '/' and holds {key}, where the item's key goes.", "Example: \"/crm/v3/customers/{key}\"."));
        }

        if (!JsonPath.IsWellFormed(write.Key))
        {
            diagnostics.Add(file.Error(at + ".key", $"'{write.Key}' is not a dotted path.", "The path of the item's own key in the read endpoint's items, e.g. \"AccountNo\"."));
        }

        foreach (var (property, path) in new[] { ("field", write.Rejection?.Field), ("message", write.Rejection?.Message) })
        {
            if (path is not null && !JsonPath.IsWellFormed(path))
            {
                diagnostics.Add(file.Error($"{at}.rejection.{property}", $"'{path}' is not a dotted path.", "Example: \"error.field\"."));
            }
        }

        if (diagnostics.Count > errorsBefore)
        {
            return null;
        }

        return new WriteEndpointDefinition
        {
            Name = name,
            Updates = updates!,
            Method = new HttpMethod(write.Method),
            Path = write.Path,
            Key = JsonPath.Parse(write.Key),
            Idempotent = write.Idempotent,
            RejectedField = write.Rejection?.Field is { } field ? JsonPath.Parse(field) : null,
            RejectionMessage = write.Rejection?.Message is { } message ? JsonPath.Parse(message) : null,
        };
    }
}
