using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using GraphQL.Types;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// Where every field of the schema comes from, read from the compiled bindings (not the config files),
/// so it shows what the gateway actually does: GET /admin/schema/bindings. A field read from an item
/// comes from the source and endpoint that fetched the item; a fetched field from its own endpoint.
/// </summary>
public static class FieldOrigins
{
    public static FieldOriginsReport Of(GatewaySnapshot snapshot)
    {
        var walk = new Walk(snapshot.Schema);
        walk.Visit(snapshot.Root.Binding, new Origin("gateway", null));
        return new FieldOriginsReport([.. walk.Types
            .OrderBy(type => type.Key == snapshot.Root.Binding.TypeName ? 0 : 1)
            .ThenBy(type => type.Key, StringComparer.Ordinal)
            .Select(type => new TypeOrigins(type.Key, MergeEndpoints(type.Value)))]);
    }

    /// <summary>A type fetched by several endpoints of one source (Customer by id, and by page) lists each field once, naming them all.</summary>
    private static List<FieldOrigin> MergeEndpoints(List<FieldOrigin> fields) =>
    [
        .. fields
            .GroupBy(field => field with { Endpoint = null })
            .Select(group => group.Key with { Endpoint = Join(group.Select(field => field.Endpoint).OfType<string>().Distinct(StringComparer.Ordinal)) }),
    ];

    private static string? Join(IEnumerable<string> endpoints) => string.Join(", ", endpoints) is { Length: > 0 } joined ? joined : null;

    private readonly record struct Origin(string Source, string? Endpoint);

    private sealed class Walk(ISchema schema)
    {
        private readonly HashSet<(ObjectBinding, Origin)> _visited = [];

        public Dictionary<string, List<FieldOrigin>> Types { get; } = new(StringComparer.Ordinal);

        public void Visit(ObjectBinding binding, Origin origin)
        {
            if (!binding.IsCompleted || !_visited.Add((binding, origin)) || schema.AllTypes[binding.TypeName] is not IComplexGraphType type)
            {
                return;
            }

            var fields = Types.TryGetValue(binding.TypeName, out var known) ? known : Types[binding.TypeName] = [];

            // In the schema's field order, which is the order the SDL declares them in.
            foreach (var field in type.Fields)
            {
                if (!binding.Fields.TryGetValue(field.Name, out var fieldBinding))
                {
                    continue;
                }

                var typeName = field.ResolvedType?.ToString() ?? "";
                var (fieldOrigin, from, next) = Describe(binding, fieldBinding, origin);
                var entry = new FieldOrigin(field.Name, typeName, fieldOrigin.Source, fieldOrigin.Endpoint, from);
                if (!fields.Contains(entry))
                {
                    fields.Add(entry);
                }

                if (next is { } child)
                {
                    Visit(child, fieldOrigin);
                }
            }
        }

        private static (Origin Origin, string From, ObjectBinding? Next) Describe(ObjectBinding parent, FieldBinding field, Origin origin) => field switch
        {
            FetchFieldBinding fetch => (OriginOf(fetch.Endpoint), KeyText(parent, fetch.Key), fetch.Result),
            PageFieldBinding page => (OriginOf(page.Endpoint), "a page of " + page.Endpoint.Path, page.Result),
            NestedObjectFieldBinding nested => (origin, nested.Path.Text.Length == 0 ? "the item itself" : nested.Path.Text, nested.Binding),
            PathFieldBinding path => (origin, path.Path.Text, null),
            PresenceFieldBinding presence => (origin, $"whether {presence.Path.Text} is set", null),
            CursorFieldBinding cursor => (origin, $"{cursor.Path.Text} (sealed cursor)", null),
            _ => (origin, field.GetType().Name, null),
        };

        private static Origin OriginOf(Sources.EndpointDefinition endpoint) => new(endpoint.Source.Name, endpoint.Name);

        private static string KeyText(ObjectBinding parent, KeySource key)
        {
            if (key.Argument is { } argument)
            {
                return $"key: argument {argument}";
            }

            var path = key.Path?.Text ?? "";
            var via = key.Via is { } joined ? parent.Fields.FirstOrDefault(f => ReferenceEquals(f.Value, joined)).Key : null;
            return via is null ? $"key: {path}" : $"key: {via}.{path}";
        }
    }
}
