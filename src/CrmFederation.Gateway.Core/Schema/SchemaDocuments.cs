using CrmFederation.Gateway.Configuration;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace CrmFederation.Gateway.Schema;

/// <summary>Parses <c>schema/*.graphql</c>; a file that does not parse becomes an error diagnostic and is left out.</summary>
public static class SchemaDocuments
{
    public static IReadOnlyList<(SchemaFile File, GraphQLDocument Document)> Parse(IReadOnlyList<SchemaFile> files, List<ConfigDiagnostic> diagnostics)
    {
        var documents = new List<(SchemaFile, GraphQLDocument)>(files.Count);
        foreach (var file in files)
        {
            try
            {
                documents.Add((file, Parser.Parse(file.Text)));
            }
            catch (GraphQLSyntaxErrorException ex)
            {
                diagnostics.Add(new(DiagnosticSeverity.Error, file.RelativePath, ex.Location.Line, "", ex.Description,
                    "Fix the GraphQL syntax; the schema is SDL as in the GraphQL specification."));
            }
        }

        return documents;
    }
}
