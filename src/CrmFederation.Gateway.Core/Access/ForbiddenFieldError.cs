using CrmFederation.Gateway.Execution;
using GraphQL;

namespace CrmFederation.Gateway.Access;

/// <summary>A field the caller may not see; the message names the field and the scopes the caller lacks, never those it holds.</summary>
public sealed class ForbiddenFieldError : ExecutionError, IReplacedValueError
{
    public const string ErrorCode = "FORBIDDEN";

    public ForbiddenFieldError(string message)
        : base(message)
    {
        Code = ErrorCode;
    }

    public bool ValueReplaced { get; init; }
}
