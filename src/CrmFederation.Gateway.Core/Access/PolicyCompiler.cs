using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Schema;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Checks <c>policies.json</c> against the schema and the scopes of <c>access.json</c> and compiles it:
/// one <see cref="FieldPolicy"/> per field that needs scopes (its own or its type's) or holds personal data.
/// </summary>
public static class PolicyCompiler
{
    public static AccessPolicy Compile(
        ConfigFile<PoliciesConfig>? file, SchemaModel schema, AccessModel access, CompiledBindings? bindings, List<ConfigDiagnostic> diagnostics)
    {
        if (file is null)
        {
            var defaults = new PoliciesConfig();
            return new AccessPolicy([], null, defaults.Introspection, defaults.ErrorDetails);
        }

        var config = file.Value;
        var typeScopes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var fieldScopes = new Dictionary<(string Type, string Field), IReadOnlyList<string>>();
        foreach (var (target, scopes) in config.Fields)
        {
            var at = $"$.fields.{target}";
            if (Target(file, at, target, schema, diagnostics) is not var (typeName, fieldName))
            {
                continue;
            }

            if (scopes.Count == 0)
            {
                diagnostics.Add(file.Error(at, $"The policy on '{target}' names no scope.", "List the scopes a caller needs (all of them), or remove the entry to leave it open."));
            }

            CheckScopes(file, at, scopes, access, diagnostics);
            if (fieldName is null)
            {
                typeScopes[typeName] = scopes;
            }
            else
            {
                fieldScopes[(typeName, fieldName)] = scopes;
            }
        }

        CheckScopes(file, "$.introspection", config.Introspection, access, diagnostics);
        CheckScopes(file, "$.errorDetails", config.ErrorDetails, access, diagnostics);
        foreach (var typeName in typeScopes.Keys.Where(t => ReturnersOf(schema, t).Count == 0))
        {
            diagnostics.Add(file.Error($"$.fields.{typeName}", $"No field returns '{typeName}', so its policy would apply nowhere.",
                "Put the policy on the fields of the type instead."));
        }

        var personal = Personal(file, config.Personal, schema, diagnostics);
        var subject = config.Personal is { } declared ? Subject(file, declared.Subject, schema, bindings, diagnostics) : null;
        var policies = new List<FieldPolicy>();
        foreach (var (typeName, shape) in schema.Objects)
        {
            foreach (var (fieldName, field) in shape.Fields)
            {
                var own = fieldScopes.GetValueOrDefault((typeName, fieldName)) ?? [];
                var ofType = typeScopes.GetValueOrDefault(field.TypeName) ?? [];
                var required = own.Concat(ofType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (required.Count > 0 && field.IsNonNull && !field.IsList)
                {
                    diagnostics.Add(NonNullError(file, schema, shape, field, ownPolicy: own.Count > 0));
                    continue;
                }

                var isPersonal = personal.Contains(typeName) || personal.Contains($"{typeName}.{fieldName}");
                if (required.Count > 0 || isPersonal)
                {
                    policies.Add(new FieldPolicy(policies.Count, $"{typeName}.{fieldName}", required, isPersonal, field.IsList && field.IsNonNull));
                }
            }
        }

        return new AccessPolicy(policies, subject, config.Introspection, config.ErrorDetails);
    }

    /// <summary>A forbidden non-null field would be null, and null would take its parent with it: its whole object, not one value.</summary>
    private static ConfigDiagnostic NonNullError(ConfigFile<PoliciesConfig> file, SchemaModel schema, ObjectShape parent, FieldShape field, bool ownPolicy)
    {
        var coordinate = $"{parent.Name}.{field.Name}";
        var returners = ReturnersOf(schema, parent.Name);
        var instead = returners.Count == 0 ? "" : $" ({string.Join(", ", returners)})";
        return ownPolicy
            ? file.Error($"$.fields.{coordinate}", $"'{coordinate}' is non-null ({field.TypeName}!): a caller who may not see it would lose the whole {parent.Name}, not only this field.",
                $"Put the policy on the field that returns {parent.Name}{instead}, or on the type {parent.Name}.")
            : file.Error($"$.fields.{field.TypeName}", $"The policy on '{field.TypeName}' applies to '{coordinate}', which is non-null ({field.TypeName}!): a caller who may not see it would lose the whole {parent.Name}.",
                $"Put the policy on the nullable fields that return {field.TypeName} instead of on the type, or on the field that returns {parent.Name}{instead}.");
    }

    private static HashSet<string> Personal(ConfigFile<PoliciesConfig> file, PersonalDataConfig? config, SchemaModel schema, List<ConfigDiagnostic> diagnostics)
    {
        var personal = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (config?.Fields.Count ?? 0); i++)
        {
            var target = config!.Fields[i];
            if (Target(file, $"$.personal.fields[{i}]", target, schema, diagnostics) is not null)
            {
                personal.Add(target);
            }
        }

        return personal;
    }

    private static PersonalDataSubject? Subject(ConfigFile<PoliciesConfig> file, string target, SchemaModel schema, CompiledBindings? bindings, List<ConfigDiagnostic> diagnostics)
    {
        const string At = "$.personal.subject";
        if (Target(file, At, target, schema, diagnostics) is not var (typeName, fieldName))
        {
            return null;
        }

        if (fieldName is null || schema.Objects[typeName].Fields[fieldName] is not { IsList: false } field || !schema.Scalars.Contains(field.TypeName))
        {
            diagnostics.Add(file.Error(At, $"The subject '{target}' is not a field holding one scalar value.", "Name the field that identifies whose data it is, e.g. \"Customer.id\"."));
            return null;
        }

        if (bindings is null)
        {
            return null;
        }

        if (bindings.Types.GetValueOrDefault(typeName)?.Fields.GetValueOrDefault(fieldName) is not PathFieldBinding id)
        {
            diagnostics.Add(file.Error(At, $"The subject '{target}' is not read from its object's own item.",
                "The audit reads the subject's id for every personal field returned; bind it with a path, not a fetch."));
            return null;
        }

        return new PersonalDataSubject(typeName, id);
    }

    /// <summary>A policy's target: <c>Type</c> (field null) or <c>Type.field</c>; null, with a diagnostic, when either is unknown.</summary>
    private static (string Type, string? Field)? Target(ConfigFile<PoliciesConfig> file, string at, string target, SchemaModel schema, List<ConfigDiagnostic> diagnostics)
    {
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        var typeName = dot < 0 ? target : target[..dot];
        if (!schema.Objects.TryGetValue(typeName, out var type))
        {
            diagnostics.Add(file.Error(at, $"Unknown type '{typeName}': the schema has no object type of that name.", Suggestions.For(typeName, schema.Objects.Keys)));
            return null;
        }

        if (dot < 0)
        {
            return (typeName, null);
        }

        var fieldName = target[(dot + 1)..];
        if (!type.Fields.ContainsKey(fieldName))
        {
            diagnostics.Add(file.Error(at, $"Unknown field '{typeName}.{fieldName}'.", Suggestions.For(fieldName, type.Fields.Keys)));
            return null;
        }

        return (typeName, fieldName);
    }

    private static void CheckScopes(ConfigFile<PoliciesConfig> file, string at, IReadOnlyList<string> scopes, AccessModel access, List<ConfigDiagnostic> diagnostics)
    {
        for (var i = 0; i < scopes.Count; i++)
        {
            if (!access.Scopes.Contains(scopes[i]))
            {
                diagnostics.Add(file.Error($"{at}[{i}]", $"Unknown scope '{scopes[i]}'.", AccessCompiler.KnownNamesHint("scopes", access.Scopes)));
            }
        }
    }

    private static List<string> ReturnersOf(SchemaModel schema, string typeName) =>
        schema.Objects.Values.SelectMany(o => o.Fields.Values.Where(f => f.TypeName == typeName).Select(f => $"{o.Name}.{f.Name}")).ToList();
}
