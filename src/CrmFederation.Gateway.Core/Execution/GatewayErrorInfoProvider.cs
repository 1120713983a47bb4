using CrmFederation.Gateway.Access;
using GraphQL.Execution;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Puts the code of the gateway's own errors into <c>extensions</c>: for a failed source also its name and,
/// when the error still carries them, its HTTP status, attempts and circuit state and the error its answer reported; for any field error
/// whether the field's value was replaced; for a refused request its estimate and limits.
/// </summary>
public sealed class GatewayErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeCodes = false, ExposeData = false })
{
    public override ErrorInfo GetInfo(GraphQL.ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = executionError switch
        {
            SourceFieldError sourceError => SourceExtensions(sourceError),
            ForbiddenFieldError forbidden => new Dictionary<string, object?> { ["code"] = forbidden.Code },
            Limits.CostLimitExceededError costError => CostExtensions(costError),
            Http.ResponseTooLargeError tooLarge => new Dictionary<string, object?> { ["code"] = tooLarge.Code, ["maxResponseBytes"] = tooLarge.LimitBytes },
            _ => null,
        };
        if (extensions is null)
        {
            return info;
        }

        if (executionError is IReplacedValueError { ValueReplaced: true })
        {
            extensions["valueReplaced"] = true;
        }

        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }

    private static Dictionary<string, object?> SourceExtensions(SourceFieldError sourceError)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = sourceError.Code,
            ["source"] = sourceError.SourceName,
        };
        if (sourceError.HttpStatus is { } status)
        {
            extensions["httpStatus"] = status;
        }

        if (sourceError.UpstreamCode is { } upstreamCode)
        {
            extensions["upstreamCode"] = upstreamCode;
        }

        if (sourceError.UpstreamMessage is { } upstreamMessage)
        {
            extensions["upstreamMessage"] = upstreamMessage;
        }

        // 0 is news too: the circuit or a limit refused the call, so the source never saw it.
        if (sourceError.Attempts is { } attempts)
        {
            extensions["attempts"] = attempts;
        }

        if (sourceError.CircuitState is { } circuit)
        {
            extensions["circuit"] = circuit;
        }

        return extensions;
    }

    private static Dictionary<string, object?> CostExtensions(Limits.CostLimitExceededError error) => new()
    {
        ["code"] = "COST_LIMIT_EXCEEDED",
        ["estimatedUpstreamCalls"] = error.Estimate.UpstreamCalls,
        ["maxUpstreamCalls"] = error.Limits.MaxUpstreamCalls,
        ["estimatedResultItems"] = error.Estimate.ResultItems,
        ["maxResultItems"] = error.Limits.MaxResultItems,
    };
}
