using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Schema;

/// <summary>The result of compiling bindings: one <see cref="ObjectBinding"/> per object type, the root first.</summary>
public sealed record CompiledBindings(ObjectBinding Root, IReadOnlyDictionary<string, ObjectBinding> Types);
