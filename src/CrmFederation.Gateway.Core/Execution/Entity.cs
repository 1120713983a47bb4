using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The value behind a GraphQL object: a source item as the source sent it, and the bindings that say
/// how the object's fields are read from it. Nothing is copied or mapped until a field is asked for.
/// </summary>
public sealed class Entity(JsonElement json, ObjectBinding binding, Entity? parent = null)
{
    public JsonElement Json { get; } = json;

    public ObjectBinding Binding { get; } = binding;

    /// <summary>The object whose field this one is (a contact's customer), so the audit can tell whose data a field holds.</summary>
    public Entity? Parent { get; } = parent;
}
