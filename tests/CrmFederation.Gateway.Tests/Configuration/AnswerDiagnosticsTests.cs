using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Tests.Configuration;

/// <summary>
/// Diagnostics of what a source's answers may be: their size limit, their content encodings and the
/// error envelope of the source or of one endpoint, each pointed at its line.
/// </summary>
public sealed class AnswerDiagnosticsTests
{
    private const string Source = "sources/helpdesk.json";
    private const string SourceAnchor = "\"timeoutMs\": 5000,";
    private const string EndpointAnchor = "\"items\": \"tickets\",";

    [Fact]
    public void TryCompile_SourceWithoutItsOwnLimit_GetsTheGatewayDefault()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace("gateway.json", "\"maxSourceAnswerBytes\": 16777216", "\"maxSourceAnswerBytes\": 2048")
            .Replace(Source, SourceAnchor, SourceAnchor + " \"maxAnswerBytes\": 4096, \"contentEncodings\": [\"gzip\", \"br\"],");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        Assert.Equal(4096, snapshot!.Sources["helpdesk"].MaxAnswerBytes);
        Assert.Equal(["gzip", "br"], snapshot.Sources["helpdesk"].ContentEncodings);
        Assert.Equal(2048, snapshot.Sources["erp"].MaxAnswerBytes);
        Assert.Empty(snapshot.Sources["erp"].ContentEncodings);
    }

    [Theory]
    [InlineData("1023")]
    [InlineData("1073741825")]
    public void TryCompile_SourceLimitOutOfRange_ReportsItsLine(string value)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Source, SourceAnchor, SourceAnchor + "\n  \"maxAnswerBytes\": " + value + ",");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        var diagnostic = DiagnosticAssert.Error(diagnostics, Source, sandbox.LineOf(Source, "maxAnswerBytes"), $"{value} is out of range.", "$.maxAnswerBytes");
        Assert.Equal("Use a value from 1024 to 1073741824.", diagnostic.Hint);
    }

    [Theory]
    [InlineData("\"zstd\"", "Unknown content encoding 'zstd'.")]
    [InlineData("\"GZIP\"", "Unknown content encoding 'GZIP'.")]
    [InlineData("\"gzip\", \"gzip\"", "Content encoding 'gzip' is listed twice.")]
    public void TryCompile_ContentEncodingUnknownOrTwice_ReportsItsLine(string encodings, string message)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Source, SourceAnchor, SourceAnchor + "\n  \"contentEncodings\": [" + encodings + "],");

        var (_, diagnostics) = sandbox.Compile();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal((Source, sandbox.LineOf(Source, "contentEncodings"), message), (diagnostic.File, diagnostic.Line, diagnostic.Message));
        Assert.StartsWith("$.contentEncodings[", diagnostic.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_SourceEnvelope_AppliesToEveryEndpointUnlessOneHasItsOwn()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Source, SourceAnchor, SourceAnchor + """
                 "envelope": { "success": "success", "errorCode": "errors[0].code", "errorMessage": "errors[0].message", "codes": { "rateLimited": ["606"] } },
                """)
            .Replace(Source, EndpointAnchor, EndpointAnchor + """ "envelope": { "success": "ok", "errorCode": "error" },""");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.True(diagnostics.Count == 0, DiagnosticAssert.Describe(diagnostics));
        var endpoints = snapshot!.Sources["helpdesk"].Endpoints;
        var sourceWide = endpoints["organizationsByExternalId"].Envelope!;
        var own = endpoints["ticketsByOrganization"].Envelope!;
        Assert.Equal(SourceErrorCode.RateLimited, Failure(sourceWide, """{"success": false, "errors": [{"code": "606"}]}""")!.Code);
        Assert.Equal(SourceErrorCode.BadResponse, Failure(sourceWide, """{"ok": false, "error": "ratelimited"}""")!.Code);
        Assert.Equal(SourceErrorCode.Rejected, Failure(own, """{"ok": false, "error": "ratelimited"}""")!.Code);
        Assert.Null(Failure(own, """{"ok": true}"""));
    }

    [Theory]
    [InlineData("""{ "errorMessage": "message" }""", "$.envelope", "An envelope needs success")]
    [InlineData("""{ "success": "errors[x]" }""", "$.envelope.success", "'errors[x]' is not a path.")]
    [InlineData("""{ "success": "ok", "errorCode": "errors..code" }""", "$.envelope.errorCode", "'errors..code' is not a path.")]
    [InlineData("""{ "success": "ok", "codes": { "rateLimited": ["606"] } }""", "$.envelope.codes", "Codes are compared with the answer's error code, but the envelope has no errorCode.")]
    [InlineData("""{ "errorCode": "error", "codes": { "rateLimited": ["606"], "unavailable": ["606"] } }""", "$.envelope.codes.unavailable[0]", "Error code '606' is listed under rateLimited and unavailable.")]
    [InlineData("""{ "errorCode": "error", "codes": { "rejected": [""] } }""", "$.envelope.codes.rejected[0]", "An error code cannot be empty.")]
    public void TryCompile_SourceEnvelopeWrong_ReportsItsLine(string envelope, string jsonPath, string message)
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Source, SourceAnchor, SourceAnchor + "\n  \"envelope\": " + envelope + ",");

        var (snapshot, diagnostics) = sandbox.Compile();

        Assert.Null(snapshot);
        DiagnosticAssert.Error(diagnostics, Source, sandbox.LineOf(Source, "\"envelope\""), message, jsonPath);
    }

    [Fact]
    public void TryCompile_EndpointEnvelopeWrong_ReportsTheEndpointsLine()
    {
        using var sandbox = ConfigSandbox.CopyOfSample()
            .Replace(Source, EndpointAnchor, EndpointAnchor + "\n      \"envelope\": { \"success\": \"\" },");

        var (_, diagnostics) = sandbox.Compile();

        DiagnosticAssert.Error(diagnostics, Source, sandbox.LineOf(Source, "\"envelope\""), "'' is not a path.", "$.endpoints.ticketsByOrganization.envelope.success");
    }

    private static SourceException? Failure(ErrorEnvelope envelope, string body) =>
        envelope.FailureIn(System.Text.Json.JsonDocument.Parse(body).RootElement, "helpdesk", 200);
}
