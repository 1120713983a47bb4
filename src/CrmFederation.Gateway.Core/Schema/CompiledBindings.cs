using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// The result of compiling bindings: one <see cref="ObjectBinding"/> per object type, the root first, and
/// the bindings of objects built inline from their parent's item (a Money), one per use.
/// </summary>
public sealed record CompiledBindings(ObjectBinding Root, IReadOnlyDictionary<string, ObjectBinding> Types, IReadOnlyList<ObjectBinding> Inline);
