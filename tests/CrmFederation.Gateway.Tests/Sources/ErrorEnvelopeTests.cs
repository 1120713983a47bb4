using System.Text.Json;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Sources;

/// <summary>
/// Errors that sources report inside 2xx answers, in the two common shapes: a success flag with a list
/// of errors (<c>{"success": false, "errors": [{"code": "606", …}]}</c>) and a flag with one error word
/// (<c>{"ok": false, "error": "ratelimited"}</c>).
/// </summary>
public sealed class ErrorEnvelopeTests
{
    private static readonly ErrorEnvelope ErrorList = Envelopes.ErrorList();

    private static readonly ErrorEnvelope ErrorWord = new(
        JsonPath.ParseIndexed("ok"),
        JsonPath.ParseIndexed("error"),
        null,
        new Dictionary<string, string> { ["ratelimited"] = SourceErrorCode.RateLimited, ["invalid_auth"] = SourceErrorCode.Unauthorized });

    /// <summary>Only a code present on errors: no flag.</summary>
    private static readonly ErrorEnvelope CodeOnly = new(null, JsonPath.ParseIndexed("fault.code"), null, new Dictionary<string, string>());

    [Theory]
    [InlineData("""{"success": false, "errors": [{"code": "606", "message": "Max rate limit exceeded"}]}""", SourceErrorCode.RateLimited, "606", "Max rate limit exceeded")]
    [InlineData("""{"success": false, "errors": [{"code": 601, "message": "Access token invalid"}]}""", SourceErrorCode.Unauthorized, "601", "Access token invalid")]
    [InlineData("""{"success": false, "errors": [{"code": "611", "message": "System error"}]}""", SourceErrorCode.Unavailable, "611", "System error")]
    [InlineData("""{"success": false, "errors": [{"code": "1003", "message": "Invalid filter"}]}""", SourceErrorCode.Rejected, "1003", "Invalid filter")]
    [InlineData("""{"success": false, "errors": []}""", SourceErrorCode.Rejected, null, null)]
    [InlineData("""{"success": false}""", SourceErrorCode.Rejected, null, null)]
    public void FailureIn_ErrorListShape_KindFromTheCode(string body, string kind, string? upstreamCode, string? upstreamMessage)
    {
        var failure = ErrorList.FailureIn(Parse(body), "crm", 200);

        Assert.NotNull(failure);
        Assert.Equal((kind, upstreamCode, upstreamMessage, 200), (failure.Code, failure.UpstreamCode, failure.UpstreamMessage, failure.HttpStatus));
        Assert.Equal("crm", failure.Source);
        Assert.DoesNotContain(upstreamMessage ?? "-", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ok": false, "error": "ratelimited"}""", SourceErrorCode.RateLimited, "Source 'chat' is rate limiting the gateway (an error in its HTTP 200 answer).")]
    [InlineData("""{"ok": false, "error": "invalid_auth"}""", SourceErrorCode.Unauthorized, "Source 'chat' refused the gateway's credentials (an error in its HTTP 200 answer).")]
    [InlineData("""{"ok": false, "error": "channel_not_found"}""", SourceErrorCode.Rejected, "Source 'chat' rejected the request (an error in its HTTP 200 answer).")]
    public void FailureIn_ErrorWordShape_KindFromTheWord(string body, string kind, string message)
    {
        var failure = ErrorWord.FailureIn(Parse(body), "chat", 200);

        Assert.Equal((kind, message), (failure!.Code, failure.Message));
    }

    [Theory]
    [InlineData("""{"success": true, "errors": [{"code": "606"}]}""")]
    [InlineData("""{"success": true, "result": []}""")]
    public void FailureIn_FlagTrue_IsNoFailureWhateverElseTheBodySays(string body)
    {
        Assert.Null(ErrorList.FailureIn(Parse(body), "crm", 200));
    }

    [Theory]
    [InlineData("""{"result": []}""")]
    [InlineData("""{"success": "false"}""")]
    [InlineData("""{"success": null}""")]
    [InlineData("""[{"success": true}]""")]
    public void FailureIn_FlagMissingOrNotBoolean_IsABadResponse(string body)
    {
        var failure = ErrorList.FailureIn(Parse(body), "crm", 200);

        Assert.Equal(SourceErrorCode.BadResponse, failure!.Code);
        Assert.Equal("Source 'crm' answered unexpectedly: the body has no boolean 'success'.", failure.Message);
    }

    [Theory]
    [InlineData("""{"items": []}""", null)]
    [InlineData("""{"fault": null}""", null)]
    [InlineData("""{"fault": {"code": ""}}""", null)]
    [InlineData("""{"fault": {"code": "E42"}}""", "E42")]
    public void FailureIn_NoFlag_ACodeIsTheError(string body, string? upstreamCode)
    {
        var failure = CodeOnly.FailureIn(Parse(body), "erp", 200);

        Assert.Equal(upstreamCode, failure?.UpstreamCode);
        Assert.Equal(upstreamCode is null ? null : SourceErrorCode.Rejected, failure?.Code);
    }

    [Fact]
    public void FailureIn_LongMessageWithControlCharacters_IsCutAndFlattened()
    {
        var message = "line one\nline two\u0007" + new string('x', 500);

        var failure = ErrorList.FailureIn(Parse(JsonSerializer.Serialize(new { success = false, errors = new[] { new { code = "606", message } } })), "crm", 200);

        Assert.Equal(ErrorEnvelope.MaxReportedLength + 1, failure!.UpstreamMessage!.Length);
        Assert.StartsWith("line one line two ", failure.UpstreamMessage, StringComparison.Ordinal);
        Assert.EndsWith("x…", failure.UpstreamMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void OfCall_EnvelopeFailure_KeepsTheUpstreamCodeAndMessage()
    {
        var failure = ErrorWord.FailureIn(Parse("""{"ok": false, "error": "ratelimited"}"""), "chat", 200)!.OfCall(3, "closed");

        Assert.Equal(("ratelimited", 3, "closed"), (failure.UpstreamCode, failure.Attempts, failure.CircuitState));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
