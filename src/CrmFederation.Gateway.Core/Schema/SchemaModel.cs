using GraphQLParser.AST;
using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// The public schema's shape as the binding compiler needs it: object types, their fields' types and
/// arguments, enums and scalars. Read from every <c>schema/*.graphql</c> file, extensions merged.
/// </summary>
public sealed class SchemaModel
{
    public Dictionary<string, ObjectShape> Objects { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Enums { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Scalars { get; } = new(StringComparer.Ordinal) { "ID", "String", "Int", "Float", "Boolean" };

    /// <summary>Input object types and their fields.</summary>
    public Dictionary<string, Dictionary<string, ArgumentShape>> InputObjects { get; } = new(StringComparer.Ordinal);

    public string Sdl { get; private set; } = "";

    /// <summary>
    /// The Mutation type and the object types only mutations return (payloads, their errors): answered by the
    /// mutations' own resolvers, so they have no bindings. Types queries return too (Customer) keep theirs.
    /// </summary>
    public IReadOnlySet<string> WriteOnlyTypes()
    {
        var read = Reachable("Query");
        var written = Reachable("Mutation");
        written.ExceptWith(read);
        return written;
    }

    private HashSet<string> Reachable(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var name))
        {
            if (Objects.TryGetValue(name, out var shape) && seen.Add(name))
            {
                foreach (var field in shape.Fields.Values)
                {
                    pending.Push(field.TypeName);
                }
            }
        }

        return seen;
    }

    public static SchemaModel Read(IReadOnlyList<SchemaFile> files, List<ConfigDiagnostic> diagnostics)
    {
        var model = new SchemaModel();
        var texts = new List<string>();
        foreach (var (file, document) in SchemaDocuments.Parse(files, diagnostics))
        {
            texts.Add(file.Text);
            foreach (var definition in document.Definitions)
            {
                model.Add(file, definition, diagnostics);
            }
        }

        model.Sdl = string.Join(Environment.NewLine, texts);
        return model;
    }

    private readonly Dictionary<string, string> _definedIn = new(StringComparer.Ordinal);

    private void Add(SchemaFile file, ASTNode definition, List<ConfigDiagnostic> diagnostics)
    {
        if (definition is GraphQLTypeDefinition { Name: { } name })
        {
            var typeName = name.StringValue;
            if (!_definedIn.TryAdd(typeName, file.RelativePath))
            {
                diagnostics.Add(Error(file, definition, $"Type '{typeName}' is defined twice (also in {_definedIn[typeName]}).",
                    "Define it once; add fields elsewhere with 'extend type'."));
                return;
            }

            if (typeName is "Subscription")
            {
                diagnostics.Add(Error(file, definition, $"'{typeName}' is a root operation type; the gateway serves queries and mutations only.",
                    "Rename the type."));
                return;
            }
        }

        switch (definition)
        {
            case GraphQLObjectTypeDefinition type:
                AddFields(file, type.Name.StringValue, type.Fields, diagnostics);
                break;
            case GraphQLObjectTypeExtension extension:
                AddFields(file, extension.Name.StringValue, extension.Fields, diagnostics);
                break;
            case GraphQLEnumTypeDefinition enumType:
                Enums[enumType.Name.StringValue] = enumType.Values?.Select(v => v.Name.StringValue).ToHashSet(StringComparer.Ordinal) ?? [];
                break;
            case GraphQLInputObjectTypeDefinition input:
                InputObjects[input.Name.StringValue] = (input.Fields?.Items ?? [])
                    .ToDictionary(f => f.Name.StringValue, f => ArgumentShape.Of(f.Name.StringValue, f.Type), StringComparer.Ordinal);
                break;
            case GraphQLScalarTypeDefinition scalar:
                Scalars.Add(scalar.Name.StringValue);
                break;
        }
    }

    private void AddFields(SchemaFile file, string typeName, GraphQLFieldsDefinition? fields, List<ConfigDiagnostic> diagnostics)
    {
        if (!Objects.TryGetValue(typeName, out var shape))
        {
            shape = new ObjectShape(typeName);
            Objects[typeName] = shape;
        }

        foreach (var field in fields?.Items ?? [])
        {
            if (!shape.Fields.TryAdd(field.Name.StringValue, FieldShape.From(field)))
            {
                diagnostics.Add(Error(file, field, $"Field '{typeName}.{field.Name.StringValue}' is defined twice.",
                    "An extension may only add new fields."));
            }
        }
    }

    private static ConfigDiagnostic Error(SchemaFile file, ASTNode node, string message, string hint) =>
        new(DiagnosticSeverity.Error, file.RelativePath, LineOf(file.Text, node.Location.Start), "", message, hint);

    private static int LineOf(string text, int offset) => text.AsSpan(0, Math.Min(offset, text.Length)).Count('\n') + 1;
}
