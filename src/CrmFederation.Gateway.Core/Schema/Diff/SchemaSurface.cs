using CrmFederation.Gateway.Configuration;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>
/// The public schema as clients see it, read from the SDL of <c>schema/*.graphql</c> (extensions
/// merged): what <see cref="SchemaDiff"/> compares. Built-in scalars are part of every schema and not listed.
/// </summary>
public sealed class SchemaSurface
{
    private readonly Dictionary<string, TypeSurface> _types = new(StringComparer.Ordinal);

    private SchemaSurface()
    {
    }

    public IReadOnlyDictionary<string, TypeSurface> Types => _types;

    /// <summary>Reads the schema files; a file that does not parse becomes an error diagnostic and is left out.</summary>
    public static SchemaSurface Read(IReadOnlyList<SchemaFile> files, List<ConfigDiagnostic> diagnostics)
    {
        var surface = new SchemaSurface();
        foreach (var (_, document) in SchemaDocuments.Parse(files, diagnostics))
        {
            surface.Add(document);
        }

        return surface;
    }

    /// <summary>Parses SDL texts; throws <see cref="GraphQLParser.Exceptions.GraphQLSyntaxErrorException"/> on a syntax error.</summary>
    public static SchemaSurface Parse(params string[] sdl)
    {
        var surface = new SchemaSurface();
        foreach (var text in sdl)
        {
            surface.Add(Parser.Parse(text));
        }

        return surface;
    }

    private void Add(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLScalarTypeDefinition scalar:
                    Define(scalar.Name, SchemaTypeKind.Scalar, scalar.Description);
                    break;
                case GraphQLObjectTypeDefinition type:
                    AddFields(Define(type.Name, SchemaTypeKind.Object, type.Description), type.Interfaces, type.Fields);
                    break;
                case GraphQLObjectTypeExtension extension:
                    AddFields(Extend(extension.Name, SchemaTypeKind.Object), extension.Interfaces, extension.Fields);
                    break;
                case GraphQLInterfaceTypeDefinition type:
                    AddFields(Define(type.Name, SchemaTypeKind.Interface, type.Description), type.Interfaces, type.Fields);
                    break;
                case GraphQLInterfaceTypeExtension extension:
                    AddFields(Extend(extension.Name, SchemaTypeKind.Interface), extension.Interfaces, extension.Fields);
                    break;
                case GraphQLUnionTypeDefinition union:
                    AddMembers(Define(union.Name, SchemaTypeKind.Union, union.Description), union.Types);
                    break;
                case GraphQLUnionTypeExtension extension:
                    AddMembers(Extend(extension.Name, SchemaTypeKind.Union), extension.Types);
                    break;
                case GraphQLEnumTypeDefinition enumType:
                    AddValues(Define(enumType.Name, SchemaTypeKind.Enum, enumType.Description), enumType.Values);
                    break;
                case GraphQLEnumTypeExtension extension:
                    AddValues(Extend(extension.Name, SchemaTypeKind.Enum), extension.Values);
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    AddInputFields(Define(input.Name, SchemaTypeKind.InputObject, input.Description), input.Fields);
                    break;
                case GraphQLInputObjectTypeExtension extension:
                    AddInputFields(Extend(extension.Name, SchemaTypeKind.InputObject), extension.Fields);
                    break;
            }
        }
    }

    /// <summary>A type defined twice keeps its first definition's kind; the config compiler reports the duplicate.</summary>
    private TypeSurface Define(GraphQLName name, SchemaTypeKind kind, GraphQLDescription? description)
    {
        var type = Extend(name, kind);
        type.Description ??= TextOf(description);
        return type;
    }

    private TypeSurface Extend(GraphQLName name, SchemaTypeKind kind)
    {
        var typeName = name.StringValue;
        if (!_types.TryGetValue(typeName, out var type))
        {
            type = new TypeSurface(typeName, kind);
            _types[typeName] = type;
        }

        return type;
    }

    private static void AddFields(TypeSurface type, GraphQLImplementsInterfaces? interfaces, GraphQLFieldsDefinition? fields)
    {
        foreach (var implemented in interfaces?.Items ?? [])
        {
            type.InterfaceSet.Add(implemented.Name.StringValue);
        }

        foreach (var field in fields?.Items ?? [])
        {
            var arguments = (field.Arguments?.Items ?? []).Select(InputValueOf).ToDictionary(a => a.Name, StringComparer.Ordinal);
            type.FieldMap.TryAdd(field.Name.StringValue, new FieldSurface(
                field.Name.StringValue, TypeReference.From(field.Type), TextOf(field.Description), DeprecationOf(field.Directives), arguments));
        }
    }

    private static void AddMembers(TypeSurface type, GraphQLUnionMemberTypes? members)
    {
        foreach (var member in members?.Items ?? [])
        {
            type.UnionMemberSet.Add(member.Name.StringValue);
        }
    }

    private static void AddValues(TypeSurface type, GraphQLEnumValuesDefinition? values)
    {
        foreach (var value in values?.Items ?? [])
        {
            var name = value.Name.StringValue;
            type.EnumValueMap.TryAdd(name, new EnumValueSurface(name, TextOf(value.Description), DeprecationOf(value.Directives)));
        }
    }

    private static void AddInputFields(TypeSurface type, GraphQLInputFieldsDefinition? fields)
    {
        foreach (var field in fields?.Items ?? [])
        {
            type.InputFieldMap.TryAdd(field.Name.StringValue, InputValueOf(field));
        }
    }

    private static InputValueSurface InputValueOf(GraphQLInputValueDefinition value) => new(
        value.Name.StringValue,
        TypeReference.From(value.Type),
        value.DefaultValue is null ? null : new SDLPrinter().Print(value.DefaultValue),
        TextOf(value.Description),
        DeprecationOf(value.Directives));

    private static string? TextOf(GraphQLDescription? description) => description is null ? null : description.Value.ToString();

    /// <summary>The reason of an <c>@deprecated</c> directive (the spec's default when it names none), or null.</summary>
    private static string? DeprecationOf(GraphQLDirectives? directives)
    {
        var deprecated = directives?.Items.FirstOrDefault(d => d.Name.StringValue == "deprecated");
        if (deprecated is null)
        {
            return null;
        }

        return deprecated.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "reason")?.Value is GraphQLStringValue reason
            ? reason.Value.ToString()
            : "No longer supported";
    }
}
