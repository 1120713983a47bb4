namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// One field of the Mutation type: it updates the object a Query field (<see cref="Read"/>) looks up by
/// the argument <see cref="Key"/>, with the fields of the input object argument <see cref="Input"/>.
/// </summary>
public sealed record MutationConfig
{
    /// <summary>The Query field that reads the object by key (<c>customer</c>); the payload's object is read the same way, after the writes.</summary>
    public string Read { get; init; } = "";

    /// <summary>The mutation's argument holding the key, passed to <see cref="Read"/> as its key argument.</summary>
    public string Key { get; init; } = "id";

    /// <summary>The mutation's input object argument.</summary>
    public string Input { get; init; } = "input";

    /// <summary>Each input field: the read field it writes, who may write it, and what values are accepted.</summary>
    public IReadOnlyDictionary<string, WritableFieldConfig> Fields { get; init; } = new Dictionary<string, WritableFieldConfig>();
}

/// <summary>
/// An input field of a mutation: the field of the read object it writes (<c>billing.paymentTerms</c>),
/// whose binding says which source owns it, at which path, with which enum map (reversed).
/// </summary>
public sealed record WritableFieldConfig
{
    /// <summary>Dotted path of fields of the read type (<c>name</c>, <c>billing.billingAddress</c>).</summary>
    public string Field { get; init; } = "";

    /// <summary>The scope (access.json) a caller needs to write it.</summary>
    public string Scope { get; init; } = "";

    /// <summary>Null clears the value at the source; otherwise null is refused.</summary>
    public bool Nullable { get; init; }

    /// <summary>Fewest characters of a text (of each text of an input object).</summary>
    public int? MinLength { get; init; }

    /// <summary>Most characters of a text (of each text of an input object).</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>email</c>: an e-mail address.</summary>
    public string? Format { get; init; }

    /// <summary>The only texts accepted, compared exactly.</summary>
    public IReadOnlyList<string>? OneOf { get; init; }
}
