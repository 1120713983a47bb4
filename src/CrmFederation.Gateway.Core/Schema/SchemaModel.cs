using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
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

    public string Sdl { get; private set; } = "";

    public static SchemaModel Read(IReadOnlyList<SchemaFile> files, List<ConfigDiagnostic> diagnostics)
    {
        var model = new SchemaModel();
        var texts = new List<string>();
        foreach (var file in files)
        {
            GraphQLDocument document;
            try
            {
                document = Parser.Parse(file.Text);
            }
            catch (GraphQLSyntaxErrorException ex)
            {
                diagnostics.Add(new(DiagnosticSeverity.Error, file.RelativePath, ex.Location.Line, "", ex.Description,
                    "Fix the GraphQL syntax; the schema is SDL as in the GraphQL specification."));
                continue;
            }

            texts.Add(file.Text);
            foreach (var definition in document.Definitions)
            {
                model.Add(definition);
            }
        }

        model.Sdl = string.Join(Environment.NewLine, texts);
        return model;
    }

    private void Add(ASTNode definition)
    {
        switch (definition)
        {
            case GraphQLObjectTypeDefinition type:
                AddFields(type.Name.StringValue, type.Fields);
                break;
            case GraphQLObjectTypeExtension extension:
                AddFields(extension.Name.StringValue, extension.Fields);
                break;
            case GraphQLEnumTypeDefinition enumType:
                Enums[enumType.Name.StringValue] = enumType.Values?.Select(v => v.Name.StringValue).ToHashSet(StringComparer.Ordinal) ?? [];
                break;
            case GraphQLScalarTypeDefinition scalar:
                Scalars.Add(scalar.Name.StringValue);
                break;
        }
    }

    private void AddFields(string typeName, GraphQLFieldsDefinition? fields)
    {
        if (!Objects.TryGetValue(typeName, out var shape))
        {
            shape = new ObjectShape(typeName);
            Objects[typeName] = shape;
        }

        foreach (var field in fields?.Items ?? [])
        {
            shape.Fields[field.Name.StringValue] = FieldShape.From(field);
        }
    }
}
