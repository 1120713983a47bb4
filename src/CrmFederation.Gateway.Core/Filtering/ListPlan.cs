using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// How one request's list is answered: the parameters sent on every call, the calls an <c>in</c> split the list
/// into (one parameter set each; one when not split), what the gateway checks of each row, the order the
/// source's rows come in (to merge split calls) or the order the gateway sorts them in, and a fingerprint of it
/// all that the list's cursors carry, so that a cursor is only taken back by the same plan.
/// </summary>
public sealed record ListPlan(
    bool Nothing,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Branches,
    RowTest Test,
    RowOrder? SourceOrder,
    RowOrder? GatewaySort,
    string Fingerprint,
    ListExplanation Explanation)
{
    /// <summary>False when the source's own page is the answer: everything was sent to it in one call.</summary>
    public bool NeedsScan => !Test.PassesAll || Branches.Count > 1 || GatewaySort is not null;
}
