using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>A field could not be answered because its source failed; carries what operators and clients need.</summary>
public sealed class SourceFieldError : ExecutionError, IReplacedValueError
{
    public SourceFieldError(SourceException failure)
        : base(failure.Message)
    {
        Code = failure.Code;
        SourceName = failure.Source;
        HttpStatus = failure.HttpStatus;
        Attempts = failure.Attempts;
        CircuitState = failure.CircuitState;
        UpstreamCode = failure.UpstreamCode;
        UpstreamMessage = failure.UpstreamMessage;
    }

    private SourceFieldError(string message, string? code, string sourceName)
        : base(message)
    {
        Code = code;
        SourceName = sourceName;
    }

    /// <summary>Null when the failure is not the outcome of a call; 0 when the call was refused before any attempt.</summary>
    public int? Attempts { get; }

    public string? CircuitState { get; }

    public string SourceName { get; }

    public int? HttpStatus { get; }

    /// <summary>The source's own error code and message from its answer's envelope; operator detail, like the HTTP status.</summary>
    public string? UpstreamCode { get; }

    public string? UpstreamMessage { get; }

    /// <summary>Set when the field still has a value (an empty list), so clients know it is not the real answer.</summary>
    public bool ValueReplaced { get; init; }

    /// <summary>
    /// The same error with only its code and source, at the same place, for callers who may not see how
    /// the source failed: no HTTP status, attempts or circuit state, in the extensions or the message.
    /// </summary>
    public SourceFieldError WithoutInternals()
    {
        var copy = new SourceFieldError(SourceErrorCode.Describe(Code, SourceName), Code, SourceName) { ValueReplaced = ValueReplaced, Path = Path };
        foreach (var location in Locations ?? [])
        {
            copy.AddLocation(location);
        }

        return copy;
    }
}
