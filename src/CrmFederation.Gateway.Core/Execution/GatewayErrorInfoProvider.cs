using GraphQL.Execution;

namespace CrmFederation.Gateway.Execution;

/// <summary>Puts a failed source's name, its HTTP status, the error its answer reported and whether the field's value was replaced into <c>extensions</c>.</summary>
public sealed class GatewayErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeCodes = false, ExposeData = false })
{
    public override ErrorInfo GetInfo(GraphQL.ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
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

        if (sourceError.ValueReplaced)
        {
            extensions["valueReplaced"] = true;
        }

        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }
}
