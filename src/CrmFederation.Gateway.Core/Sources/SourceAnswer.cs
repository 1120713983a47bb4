using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// What one attempt of a source call got: the response, and for a 2xx status either its parsed body or
/// the failure its error envelope reports. The resilience pipeline judges attempts by it (an envelope
/// failure counts like the HTTP status of its kind) and disposes the answers of attempts it retries.
/// </summary>
public sealed class SourceAnswer(HttpResponseMessage response, JsonDocument? document = null, SourceException? envelopeFailure = null) : IDisposable
{
    private JsonDocument? _document = document;

    public HttpResponseMessage Response { get; } = response;

    public SourceException? EnvelopeFailure { get; } = envelopeFailure;

    /// <summary>True when the body was read (a 2xx without an envelope failure).</summary>
    public bool HasDocument => _document is not null;

    /// <summary>Hands the parsed body over to the caller, who disposes it from then on.</summary>
    public JsonDocument TakeDocument()
    {
        var document = _document ?? throw new InvalidOperationException("The answer has no body, or it was taken already.");
        _document = null;
        return document;
    }

    public void Dispose()
    {
        _document?.Dispose();
        Response.Dispose();
    }
}
