using GraphQL.Execution;

namespace CrmFederation.Gateway.Execution;

/// <summary>Puts into <c>extensions</c> a failed source's name, its HTTP status and whether the field's value was replaced; a refused request's estimate and limits.</summary>
public sealed class GatewayErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeCodes = false, ExposeData = false })
{
    public override ErrorInfo GetInfo(GraphQL.ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is Limits.CostLimitExceededError costError)
        {
            return new ErrorInfo { Message = info.Message, Extensions = CostExtensions(costError) };
        }

        if (executionError is Http.ResponseTooLargeError tooLarge)
        {
            return new ErrorInfo { Message = info.Message, Extensions = new Dictionary<string, object?> { ["code"] = tooLarge.Code, ["maxResponseBytes"] = tooLarge.LimitBytes } };
        }

        if (executionError is not SourceFieldError sourceError)
        {
            return info;
        }

        var extensions = new Dictionary<string, object?>
        {
            ["code"] = sourceError.Code,
            ["source"] = sourceError.SourceName,
        };
        if (sourceError.HttpStatus is { } status)
        {
            extensions["httpStatus"] = status;
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

        if (sourceError.ValueReplaced)
        {
            extensions["valueReplaced"] = true;
        }

        return new ErrorInfo { Message = info.Message, Extensions = extensions };
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
