using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The value behind a GraphQL object: a source item as the source sent it, and the bindings that say
/// how the object's fields are read from it. Nothing is copied or mapped until a field is asked for.
/// </summary>
public sealed class Entity(JsonElement json, ObjectBinding binding)
{
    public JsonElement Json { get; } = json;

    public ObjectBinding Binding { get; } = binding;
}
