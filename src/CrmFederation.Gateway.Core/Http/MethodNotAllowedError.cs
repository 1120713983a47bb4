using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>405: an HTTP method the endpoint does not serve (anything but POST, and GET when enabled).</summary>
public sealed class MethodNotAllowedError(string allow)
    : GraphQLHttpError("METHOD_NOT_ALLOWED", StatusCodes.Status405MethodNotAllowed, $"GraphQL requests must use {allow.Replace(", ", " or ", StringComparison.Ordinal)}.")
{
    public override string? Allow => allow;
}
