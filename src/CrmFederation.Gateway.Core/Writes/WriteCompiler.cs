using System.Collections.Frozen;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Schema;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// Checks the <c>mutations</c> of the bindings files against the schema's Mutation type, the read
/// bindings and the sources' write endpoints, and compiles each mutation. An input field names the read
/// field it writes; that field's binding says which source owns it, at which path and with which enum
/// map, so writes are the reverse of reads and never say it twice.
/// </summary>
public sealed class WriteCompiler(
    SchemaModel schema, CompiledBindings bindings, AccessModel access, List<ConfigDiagnostic> diagnostics)
{
    private static readonly string[] ErrorFields = ["field", "source", "code", "message"];

    public Dictionary<string, CompiledMutation> Compile(IReadOnlyList<ConfigFile<BindingsFileConfig>> files)
    {
        var compiled = new Dictionary<string, CompiledMutation>(StringComparer.Ordinal);
        var mutationType = schema.Objects.GetValueOrDefault("Mutation");
        foreach (var file in files)
        {
            foreach (var (name, config) in file.Value.Mutations)
            {
                var at = $"$.mutations.{name}";
                if (mutationType?.Fields.GetValueOrDefault(name) is not { } field)
                {
                    diagnostics.Add(file.Error(at, $"The schema has no field Mutation.{name}.", mutationType is null ? "Add a Mutation type to the schema." : Suggestions.For(name, mutationType.Fields.Keys)));
                }
                else if (compiled.ContainsKey(name))
                {
                    diagnostics.Add(file.Error(at, $"Mutation '{name}' is bound twice.", "Bind each mutation in one file."));
                }
                else if (CompileMutation(file, at, field, config) is { } mutation)
                {
                    compiled[name] = mutation;
                }
            }
        }

        foreach (var name in mutationType?.Fields.Keys.Where(n => !compiled.ContainsKey(n) && !files.Any(f => f.Value.Mutations.ContainsKey(n))) ?? [])
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, "bindings/", null, $"$.mutations.{name}", $"Mutation '{name}' has no binding.",
                $"Add \"mutations\": {{ \"{name}\": {{ \"read\": …, \"fields\": … }} }} to a file in bindings/."));
        }

        return compiled;
    }

    private CompiledMutation? CompileMutation(ConfigFile<BindingsFileConfig> file, string at, FieldShape field, MutationConfig config)
    {
        var errorsBefore = diagnostics.Count;
        if (IsKnockOn(schema.Objects.GetValueOrDefault("Query"), bindings.Root, config.Read))
        {
            return null;
        }

        var read = bindings.Root.Fields.GetValueOrDefault(config.Read) as FetchFieldBinding;
        if (read is not { Key.Argument: not null, IsList: false })
        {
            diagnostics.Add(file.Error(at + ".read", $"'{config.Read}' is not a Query field that looks one object up by an argument.", "Example: \"customer\" (customer(id: ID!))."));
        }

        if (!field.Arguments.ContainsKey(config.Key))
        {
            diagnostics.Add(file.Error(at + ".key", $"Mutation.{field.Name} has no argument '{config.Key}'.", Suggestions.For(config.Key, field.Arguments.Keys)));
        }

        var input = field.Arguments.GetValueOrDefault(config.Input) is { IsList: false } argument ? schema.InputObjects.GetValueOrDefault(argument.TypeName) : null;
        if (input is null)
        {
            diagnostics.Add(file.Error(at + ".input", $"'{config.Input}' is not an input object argument of Mutation.{field.Name}.", Suggestions.For(config.Input, field.Arguments.Keys)));
        }

        var payload = read is null ? null : Payload(file, at, field, read.Result.TypeName);
        if (read is null || input is null || payload is null || diagnostics.Count > errorsBefore)
        {
            return null;
        }

        var fields = new Dictionary<string, WritableField>(StringComparer.Ordinal);
        foreach (var name in config.Fields.Keys.Where(n => !input.ContainsKey(n)))
        {
            diagnostics.Add(file.Error($"{at}.fields.{name}", $"The input type of Mutation.{field.Name} has no field '{name}'.", Suggestions.For(name, input.Keys)));
        }

        foreach (var (name, shape) in input)
        {
            if (!config.Fields.TryGetValue(name, out var writable))
            {
                diagnostics.Add(file.Error(at + ".fields", $"Input field '{name}' has no write binding, so it could never be written.",
                    $"Add \"{name}\": {{ \"field\": \"<read field>\", \"scope\": \"<write scope>\" }}."));
            }
            else if (CompileField(file, $"{at}.fields.{name}", read, shape, writable) is { } compiledField)
            {
                fields[name] = compiledField;
            }
        }

        return diagnostics.Count > errorsBefore
            ? null
            : new CompiledMutation(field.Name, read, config.Key, config.Input, fields, payload.Value.Object, payload.Value.Errors);
    }

    /// <summary>The payload's field holding the object read after the writes, and its list of errors (field, source, code, message).</summary>
    private (string Object, string Errors)? Payload(ConfigFile<BindingsFileConfig> file, string at, FieldShape field, string readType)
    {
        var shape = schema.Objects.GetValueOrDefault(field.TypeName);
        var objectField = shape?.Fields.Values.FirstOrDefault(f => f.TypeName == readType && !f.IsList && !f.IsNonNull);
        var errorsField = shape?.Fields.Values.FirstOrDefault(f => f.IsList && f.IsNonNull
            && schema.Objects.GetValueOrDefault(f.TypeName) is { } errorType
            && ErrorFields.All(e => errorType.Fields.GetValueOrDefault(e) is { TypeName: "String", IsList: false }));
        if (objectField is null || errorsField is null || shape!.Fields.Count != 2)
        {
            diagnostics.Add(file.Error(at, $"Mutation.{field.Name} must return a payload type with two fields: a nullable {readType} and a non-null list of errors with String fields {string.Join(", ", ErrorFields)}.",
                $"Example: type UpdatePayload {{ customer: {readType}  errors: [UpdateError!]! }}."));
            return null;
        }

        return (objectField.Name, errorsField.Name);
    }

    private WritableField? CompileField(ConfigFile<BindingsFileConfig> file, string at, FetchFieldBinding read, ArgumentShape input, WritableFieldConfig config)
    {
        var errorsBefore = diagnostics.Count;
        if (!access.Scopes.Contains(config.Scope))
        {
            diagnostics.Add(file.Error(at + ".scope", $"Unknown scope '{config.Scope}'.", AccessCompiler.KnownNamesHint("scopes", access.Scopes)));
        }

        var rules = Rules(file, at, config);
        var target = Target(file, at, read.Endpoint, null);
        var binding = read.Result;
        var segments = config.Field.Split('.');
        var prefix = "";
        for (var i = 0; i < segments.Length && target is not null; i++)
        {
            var last = i == segments.Length - 1;
            switch (binding.IsCompleted ? binding.Fields.GetValueOrDefault(segments[i]) : null)
            {
                case FetchFieldBinding { IsList: false, Key.Path: not null, Key.Via: null } fetch when !last:
                    target = Target(file, at, fetch.Endpoint, fetch);
                    binding = fetch.Result;
                    prefix = "";
                    break;
                case NestedObjectFieldBinding { IsList: false } nested when !last:
                    prefix += nested.Path.Text + ".";
                    binding = nested.Binding;
                    break;
                case PathFieldBinding path when last && input.TypeName == schema.Objects[binding.TypeName].Fields[segments[i]].TypeName && !input.IsList:
                    return diagnostics.Count > errorsBefore ? null
                        : new WritableField(input.Name, config.Scope, rules, target, prefix + path.Path.Text, Reversed(path.Converter.EnumMap), []);
                case NestedObjectFieldBinding { IsList: false } nested when last && schema.InputObjects.TryGetValue(input.TypeName, out var inputObject):
                    var children = Children(file, at, inputObject, nested.Binding, target, rules);
                    return children is null || diagnostics.Count > errorsBefore ? null
                        : new WritableField(input.Name, config.Scope, rules, target, prefix + nested.Path.Text, null, children);
                default:
                    if (IsKnockOn(schema.Objects.GetValueOrDefault(binding.TypeName), binding, segments[i]))
                    {
                        return null;
                    }

                    diagnostics.Add(file.Error(at + ".field", $"'{config.Field}' does not lead to a field of {read.Result.TypeName} that input field '{input.Name}' ({input.TypeName}) can write.",
                        "Name read fields of the same type, joined by single-item fetches keyed by a path (\"billing.paymentTerms\")."));
                    return null;
            }
        }

        return null;
    }

    /// <summary>The fields of an input object (AddressInput), each written at the path its namesake of the read object (Address) is read from.</summary>
    private List<WritableField>? Children(
        ConfigFile<BindingsFileConfig> file, string at, Dictionary<string, ArgumentShape> inputObject, ObjectBinding read, WriteTarget target, ValueRules rules)
    {
        var children = new List<WritableField>();
        foreach (var (name, shape) in inputObject)
        {
            if ((read.IsCompleted ? read.Fields.GetValueOrDefault(name) : null) is PathFieldBinding { Converter.Kind: ValueKind.Text } path && shape.TypeName == "String")
            {
                children.Add(new WritableField(name, "", rules, target, path.Path.Text, null, []));
            }
            else
            {
                diagnostics.Add(file.Error(at + ".field", $"Input field '{name}' has no String field of the same name in {read.TypeName} to be written as."));
                return null;
            }
        }

        return children;
    }

    private WriteTarget? Target(ConfigFile<BindingsFileConfig> file, string at, EndpointDefinition endpoint, FetchFieldBinding? via)
    {
        var write = endpoint.Source.Writes.Values.FirstOrDefault(w => w.Updates == endpoint);
        if (write is null)
        {
            diagnostics.Add(file.Error(at + ".field", $"Source '{endpoint.Source.Name}' declares no write endpoint that updates {endpoint.DisplayName}, so this field cannot be written.",
                $"Add \"writes\": {{ \"…\": {{ \"updates\": \"{endpoint.Name}\", \"path\": \"…/{{key}}\", \"key\": \"…\" }} }} to sources/{endpoint.Source.Name}.json."));
            return null;
        }

        return new WriteTarget(write, via);
    }

    private ValueRules Rules(ConfigFile<BindingsFileConfig> file, string at, WritableFieldConfig config)
    {
        foreach (var (property, value) in new[] { ("minLength", config.MinLength), ("maxLength", config.MaxLength) })
        {
            if (value is < 0 or > 1_000_000)
            {
                diagnostics.Add(file.Error($"{at}.{property}", $"{value} is out of range.", "Use 0 to 1000000 characters."));
            }
        }

        if (config.MinLength > config.MaxLength)
        {
            diagnostics.Add(file.Error(at + ".minLength", "minLength is above maxLength: no value could pass."));
        }

        if (config.Format is not (null or "email"))
        {
            diagnostics.Add(file.Error(at + ".format", $"Unknown format '{config.Format}'.", "Use \"email\"."));
        }

        if (config.OneOf is { Count: 0 })
        {
            diagnostics.Add(file.Error(at + ".oneOf", "oneOf lists no value: no value could pass.", "List the accepted values, or remove oneOf."));
        }

        return new ValueRules(config.Nullable, config.MinLength, config.MaxLength, config.Format == "email", config.OneOf);
    }

    /// <summary>
    /// The field is in the schema but has no compiled binding: its binding had errors of its own, or its source
    /// could not be compiled (with unset values when only validating), and either is reported already.
    /// </summary>
    private static bool IsKnockOn(ObjectShape? shape, ObjectBinding binding, string field) =>
        shape?.Fields.ContainsKey(field) == true && (!binding.IsCompleted || !binding.Fields.ContainsKey(field));

    private static FrozenDictionary<string, string>? Reversed(FrozenDictionary<string, string>? map) =>
        // Two source spellings of one GraphQL value are both read; the first is the one written.
        map?.GroupBy(entry => entry.Value, StringComparer.Ordinal).ToFrozenDictionary(group => group.Key, group => group.First().Key, StringComparer.Ordinal);
}
