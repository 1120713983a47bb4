using System.Text.Json;
using System.Text.RegularExpressions;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary><c>trusted-documents.json</c>: every document parses and is executable, its sha256 is its own, and no document is listed twice.</summary>
public sealed partial class TrustedDocumentDiagnosticsTests
{
    private const string File = "trusted-documents.json";

    [Fact]
    public void TryCompile_Sample_TrustsEveryExampleQueryOfTheReadme()
    {
        using var sandbox = ConfigSandbox.CopyOfSample();
        var readmeQueries = CurlBody().Matches(System.IO.File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")))
            .Select(match => JsonDocument.Parse(match.Groups[1].Value).RootElement.GetProperty("query").GetString()!)
            .ToList();

        var trusted = sandbox.Compile().Snapshot!.Access.TrustedDocuments;

        Assert.True(readmeQueries.Count >= 3, "The README's examples were not found.");
        Assert.Equal(readmeQueries.Count, trusted.Count);
        Assert.All(readmeQueries, query => Assert.Equal(query, trusted.Find(TrustedDocumentRegistry.HashOf(query))?.Document));
    }

    [Fact]
    public void TryCompile_Sha256NotTheDocumentsOwn_ErrorAtItsLineGivingTheRightOne()
    {
        const string wrong = "0000000000000000000000000000000000000000000000000000000000000000";
        using var sandbox = ConfigSandbox.CopyOfSample().Replace(File, "a65dc7b5edfd0b9ae484c7c04940297148c0b7f09fc4a66621e228e0406ab185", wrong);

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, wrong),
            "The sha256 of trusted document 'enterpriseCustomersInGermany' is not the SHA-256 of its document.", "$.documents.enterpriseCustomersInGermany.sha256");
        Assert.Contains("a65dc7b5edfd0b9ae484c7c04940297148c0b7f09fc4a66621e228e0406ab185", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ customers(first: 5 { id } }", "is not valid GraphQL: ")]
    [InlineData("fragment F on Customer { id }", "holds no operation")]
    [InlineData("{ customer(id: \\\"C-1\\\") { id } } type Extra { id: ID }", "holds type system definitions (SDL)")]
    public void TryCompile_DocumentThatCannotRun_ErrorAtItsLine(string document, string problem)
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Write(File, Manifest(("broken", document)));

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        Assert.Contains(diagnostics, d => d.Message.StartsWith($"The trusted document 'broken' {problem}", StringComparison.Ordinal)
            && d.File == File && d.Line == sandbox.LineOf(File, "\"document\"") && d.Hint is not null);
    }

    [Fact]
    public void TryCompile_SameDocumentTwice_ErrorNamingBoth()
    {
        using var sandbox = ConfigSandbox.CopyOfSample().Write(File, Manifest(("first", "{ __typename }"), ("second", "{ __typename }")));

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, File, sandbox.LineOf(File, "\"second\""), "The trusted documents 'first' and 'second' hold the same document.");
    }

    /// <summary>A trusted-documents.json listing <paramref name="documents"/>, each with its correct hash (the JSON text is unescaped first).</summary>
    private static string Manifest(params (string Name, string Document)[] documents) =>
        "{\n  \"documents\": {\n" + string.Join(",\n", documents.Select(d =>
        {
            var text = JsonDocument.Parse($"\"{d.Document}\"").RootElement.GetString()!;
            return $"    \"{d.Name}\": {{\n      \"sha256\": \"{TrustedDocumentRegistry.HashOf(text)}\",\n      \"document\": \"{d.Document}\"\n    }}";
        })) + "\n  }\n}\n";

    [GeneratedRegex(@"^curl .* -d '(.*)'$", RegexOptions.Multiline)]
    private static partial Regex CurlBody();
}
