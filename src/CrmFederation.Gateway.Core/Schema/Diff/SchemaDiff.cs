namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>
/// Compares two versions of the public schema and classifies every change by what it does to the
/// operations clients already send (<see cref="SchemaChangeSeverity"/>): removing anything, changing a
/// type incompatibly or making an input required breaks them; a new enum value, union member or
/// interface, or a changed default, may surprise them; anything added as optional is safe.
/// </summary>
public sealed class SchemaDiff
{
    private readonly List<SchemaChange> _changes = [];

    private SchemaDiff()
    {
    }

    public static SchemaChangeReport Compare(SchemaSurface before, SchemaSurface after)
    {
        var diff = new SchemaDiff();
        foreach (var (name, old) in before.Types)
        {
            if (after.Types.TryGetValue(name, out var current))
            {
                diff.CompareType(old, current);
            }
            else
            {
                diff.Add(SchemaChangeKind.TypeRemoved, SchemaChangeSeverity.Breaking, name, $"Type '{name}' was removed.");
            }
        }

        foreach (var name in after.Types.Keys.Where(n => !before.Types.ContainsKey(n)))
        {
            diff.Add(SchemaChangeKind.TypeAdded, SchemaChangeSeverity.Safe, name, $"Type '{name}' was added.");
        }

        return new SchemaChangeReport([.. diff._changes
            .OrderByDescending(c => c.Severity)
            .ThenBy(c => c.Path, StringComparer.Ordinal)
            .ThenBy(c => c.Kind)]);
    }

    private void CompareType(TypeSurface before, TypeSurface after)
    {
        var name = before.Name;
        if (before.Kind != after.Kind)
        {
            Add(SchemaChangeKind.TypeKindChanged, SchemaChangeSeverity.Breaking, name,
                $"Type '{name}' changed from {KindName(before.Kind)} to {KindName(after.Kind)}.");
            return;
        }

        CompareDescription(SchemaChangeKind.TypeDescriptionChanged, name, $"Type '{name}'", before.Description, after.Description);
        CompareFields(before, after);
        CompareInputValues(InputValueKinds.InputField, before.InputFields, after.InputFields, field => $"{name}.{field}");
        CompareEnumValues(before, after);
        CompareMembers(SchemaChangeKind.InterfaceRemoved, SchemaChangeKind.InterfaceAdded, name, before.Interfaces, after.Interfaces,
            member => $"Type '{name}' no longer implements interface '{member}'.",
            member => $"Type '{name}' now implements interface '{member}'.");
        CompareMembers(SchemaChangeKind.UnionMemberRemoved, SchemaChangeKind.UnionMemberAdded, name, before.UnionMembers, after.UnionMembers,
            member => $"Member '{member}' was removed from union '{name}'.",
            member => $"Member '{member}' was added to union '{name}'.");
    }

    private void CompareFields(TypeSurface before, TypeSurface after)
    {
        foreach (var (fieldName, old) in before.Fields)
        {
            var path = $"{before.Name}.{fieldName}";
            if (!after.Fields.TryGetValue(fieldName, out var current))
            {
                Add(SchemaChangeKind.FieldRemoved, SchemaChangeSeverity.Breaking, path, $"Field '{path}' was removed.");
                continue;
            }

            if (old.Type != current.Type)
            {
                var safe = TypeReference.IsSafeOutputChange(old.Type, current.Type);
                Add(SchemaChangeKind.FieldTypeChanged, safe ? SchemaChangeSeverity.Safe : SchemaChangeSeverity.Breaking, path,
                    $"Field '{path}' changed type from {old.Type} to {current.Type}.");
            }

            CompareDescription(SchemaChangeKind.FieldDescriptionChanged, path, $"Field '{path}'", old.Description, current.Description);
            CompareDeprecation(SchemaChangeKind.FieldDeprecationChanged, path, $"Field '{path}'", old.DeprecationReason, current.DeprecationReason);
            CompareInputValues(InputValueKinds.Argument, old.Arguments, current.Arguments, argument => $"{path}({argument}:)");
        }

        foreach (var fieldName in after.Fields.Keys.Where(f => !before.Fields.ContainsKey(f)))
        {
            var path = $"{before.Name}.{fieldName}";
            Add(SchemaChangeKind.FieldAdded, SchemaChangeSeverity.Safe, path, $"Field '{path}' was added.");
        }
    }

    /// <summary>A field's arguments, or an input object's fields: removing one breaks, adding one breaks only if it is required.</summary>
    private void CompareInputValues(
        InputValueKinds kinds, IReadOnlyDictionary<string, InputValueSurface> before, IReadOnlyDictionary<string, InputValueSurface> after, Func<string, string> pathOf)
    {
        foreach (var (name, old) in before)
        {
            var path = pathOf(name);
            if (after.TryGetValue(name, out var current))
            {
                CompareInputValue(path, $"{kinds.Noun} '{path}'", kinds, old, current);
            }
            else
            {
                Add(kinds.Removed, SchemaChangeSeverity.Breaking, path, $"{kinds.Noun} '{path}' was removed.");
            }
        }

        foreach (var added in after.Values.Where(a => !before.ContainsKey(a.Name)))
        {
            var path = pathOf(added.Name);
            var noun = kinds.Noun.ToLowerInvariant();
            Add(kinds.Added, added.IsRequired ? SchemaChangeSeverity.Breaking : SchemaChangeSeverity.Safe, path,
                added.IsRequired ? $"Required {noun} '{path}' ({added.Type}) was added." : $"Optional {noun} '{path}' was added.");
        }
    }

    /// <summary>An argument or input field present in both versions.</summary>
    private void CompareInputValue(string path, string what, InputValueKinds kinds, InputValueSurface before, InputValueSurface after)
    {
        if (!before.IsRequired && after.IsRequired)
        {
            Add(kinds.TypeChanged, SchemaChangeSeverity.Breaking, path,
                $"{what} became required ({Describe(before)} before, {Describe(after)} now).");
        }
        else if (before.Type != after.Type)
        {
            var safe = TypeReference.IsSafeInputChange(before.Type, after.Type);
            Add(kinds.TypeChanged, safe ? SchemaChangeSeverity.Safe : SchemaChangeSeverity.Breaking, path,
                $"{what} changed type from {before.Type} to {after.Type}.");
        }

        if (before.DefaultValue != after.DefaultValue && !after.IsRequired)
        {
            // A default given to an input that was required changes no operation: every one that worked sent a value.
            Add(kinds.DefaultChanged, before.IsRequired ? SchemaChangeSeverity.Safe : SchemaChangeSeverity.Dangerous, path, before.IsRequired
                ? $"{what} got the default {after.DefaultValue}: it is optional now."
                : $"{what} changed its default from {before.DefaultValue ?? "none"} to {after.DefaultValue ?? "none"}: operations that omit it now mean something else.");
        }

        CompareDescription(kinds.DescriptionChanged, path, what, before.Description, after.Description);
    }

    private void CompareEnumValues(TypeSurface before, TypeSurface after)
    {
        foreach (var (valueName, old) in before.EnumValues)
        {
            var path = $"{before.Name}.{valueName}";
            if (!after.EnumValues.TryGetValue(valueName, out var current))
            {
                Add(SchemaChangeKind.EnumValueRemoved, SchemaChangeSeverity.Breaking, path, $"Enum value '{path}' was removed.");
                continue;
            }

            CompareDescription(SchemaChangeKind.EnumValueDescriptionChanged, path, $"Enum value '{path}'", old.Description, current.Description);
            CompareDeprecation(SchemaChangeKind.EnumValueDeprecationChanged, path, $"Enum value '{path}'", old.DeprecationReason, current.DeprecationReason);
        }

        foreach (var valueName in after.EnumValues.Keys.Where(v => !before.EnumValues.ContainsKey(v)))
        {
            var path = $"{before.Name}.{valueName}";
            Add(SchemaChangeKind.EnumValueAdded, SchemaChangeSeverity.Dangerous, path,
                $"Enum value '{path}' was added: clients that switch over {before.Name} may not handle it.");
        }
    }

    private void CompareMembers(
        SchemaChangeKind removed, SchemaChangeKind added, string path, IReadOnlySet<string> before, IReadOnlySet<string> after,
        Func<string, string> removedMessage, Func<string, string> addedMessage)
    {
        foreach (var member in before.Where(m => !after.Contains(m)).Order(StringComparer.Ordinal))
        {
            Add(removed, SchemaChangeSeverity.Breaking, path, removedMessage(member));
        }

        // Clients that branch on __typename or use fragments on the abstract type may meet a type they never expected.
        foreach (var member in after.Where(m => !before.Contains(m)).Order(StringComparer.Ordinal))
        {
            Add(added, SchemaChangeSeverity.Dangerous, path, addedMessage(member));
        }
    }

    private void CompareDescription(SchemaChangeKind kind, string path, string what, string? before, string? after)
    {
        if (before != after)
        {
            Add(kind, SchemaChangeSeverity.Safe, path, $"{what} changed its description.");
        }
    }

    private void CompareDeprecation(SchemaChangeKind kind, string path, string what, string? before, string? after)
    {
        if (before == after)
        {
            return;
        }

        Add(kind, SchemaChangeSeverity.Safe, path, after is null
            ? $"{what} is no longer deprecated."
            : $"{what} is deprecated: {after}");
    }

    private void Add(SchemaChangeKind kind, SchemaChangeSeverity severity, string path, string message) =>
        _changes.Add(new SchemaChange(kind, severity, path, message));

    private static string Describe(InputValueSurface value) =>
        value.DefaultValue is null ? value.Type.ToString() : $"{value.Type} = {value.DefaultValue}";

    private static string KindName(SchemaTypeKind kind) => kind switch
    {
        SchemaTypeKind.InputObject => "input object",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The change kinds of an argument or of an input field, which are compared alike.</summary>
    private sealed record InputValueKinds(
        string Noun,
        SchemaChangeKind Added,
        SchemaChangeKind Removed,
        SchemaChangeKind TypeChanged,
        SchemaChangeKind DefaultChanged,
        SchemaChangeKind DescriptionChanged)
    {
        public static InputValueKinds Argument { get; } = new("Argument",
            SchemaChangeKind.ArgumentAdded, SchemaChangeKind.ArgumentRemoved, SchemaChangeKind.ArgumentTypeChanged,
            SchemaChangeKind.ArgumentDefaultChanged, SchemaChangeKind.ArgumentDescriptionChanged);

        public static InputValueKinds InputField { get; } = new("Input field",
            SchemaChangeKind.InputFieldAdded, SchemaChangeKind.InputFieldRemoved, SchemaChangeKind.InputFieldTypeChanged,
            SchemaChangeKind.InputFieldDefaultChanged, SchemaChangeKind.InputFieldDescriptionChanged);
    }
}
