using CrmFederation.Gateway.Configuration;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Checks <c>trusted-documents.json</c>: every document is an executable GraphQL document that GraphQL.NET's
/// parser accepts, its <c>sha256</c> is the hash of its text, and no two entries hold the same text.
/// </summary>
public static class TrustedDocumentCompiler
{
    public static TrustedDocumentRegistry Compile(ConfigFile<TrustedDocumentsConfig>? file, List<ConfigDiagnostic> diagnostics)
    {
        if (file is null)
        {
            return TrustedDocumentRegistry.Empty;
        }

        var documents = new List<TrustedDocument>();
        var nameOfHash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in file.Value.Documents)
        {
            var at = $"$.documents.{name}";
            var errors = diagnostics.Count;
            var hash = TrustedDocumentRegistry.HashOf(entry.Document);
            if (!entry.Sha256.Equals(hash, StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(file.Error($"{at}.sha256", $"The sha256 of trusted document '{name}' is not the SHA-256 of its document.",
                    $"Its document hashes to {hash}. Clients send the hash of the exact text, so a changed document needs the new hash, and the apps sending it."));
            }

            if (ParseProblem(entry.Document) is { } problem)
            {
                diagnostics.Add(file.Error($"{at}.document", $"The trusted document '{name}' {problem}.",
                    "Write the operation as the app sends it: operations and fragments only, in GraphQL syntax."));
            }

            if (nameOfHash.TryGetValue(hash, out var first))
            {
                diagnostics.Add(file.Error(at, $"The trusted documents '{first}' and '{name}' hold the same document.",
                    "Keep one entry per document: clients name a document by its hash alone."));
            }

            if (diagnostics.Count == errors)
            {
                nameOfHash[hash] = name;
                documents.Add(new TrustedDocument(name, hash, entry.Document));
            }
        }

        return new TrustedDocumentRegistry(documents);
    }

    /// <summary>What keeps the text from being run as a request's document, or null.</summary>
    private static string? ParseProblem(string document)
    {
        GraphQLDocument parsed;
        try
        {
            parsed = Parser.Parse(document);
        }
        catch (GraphQLParserException ex)
        {
            return $"is not valid GraphQL: {ex.Description} (line {ex.Location.Line}, column {ex.Location.Column} of the document)";
        }

        if (!parsed.Definitions.Any(d => d is GraphQLOperationDefinition))
        {
            return "holds no operation";
        }

        return parsed.Definitions.All(d => d is GraphQLOperationDefinition or GraphQLFragmentDefinition)
            ? null
            : "holds type system definitions (SDL)";
    }
}
