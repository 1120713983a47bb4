using CrmFederation.Gateway.Access;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A list the gateway filters itself would need more source rows read than gateway.json allows. The
/// list fails as a whole rather than answer with what was found so far; the message names the
/// predicates the source could not apply (never a claim's value).
/// </summary>
public sealed class RowScanLimitError : ExecutionError
{
    public const string ErrorCode = "FILTER_SCAN_LIMIT";

    public RowScanLimitError(string typeName, RowFilter residual, int maxScanRows)
        : base($"Listing {typeName} rows for this caller needs the gateway to check {residual.Describe()} itself, as the source cannot "
            + $"filter on it, and that takes reading more than {maxScanRows} source rows (limits.maxScanRows). "
            + "Narrow the list with arguments the source filters on.")
    {
        Code = ErrorCode;
    }
}
