using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A list the gateway filters or sorts itself would need more source rows read in this request than
/// gateway.json allows. The list fails as a whole rather than answer with what was found so far; the
/// message names the predicates and sort the source could not apply (never a claim's value).
/// </summary>
public sealed class RowScanLimitError : ExecutionError
{
    public const string ErrorCode = "FILTER_SCAN_LIMIT";

    public RowScanLimitError(string typeName, string unpushed, int maxScanRows)
        : base($"Listing {typeName} rows for this request needs the gateway to check {unpushed} itself, as the source cannot "
            + $"filter or sort on it, and that takes reading more than {maxScanRows} source rows (limits.maxScanRows). "
            + "Narrow the list with filters the source applies, or leave out totalCount.")
    {
        Code = ErrorCode;
    }
}
