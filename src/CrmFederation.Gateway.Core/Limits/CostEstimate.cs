namespace CrmFederation.Gateway.Limits;

/// <summary>
/// What an operation is expected to cost, estimated before it runs (<see cref="CostEstimator"/>).
/// </summary>
/// <param name="UpstreamCalls">Calls to sources after batching, chunking and page walks.</param>
/// <param name="ResultItems">Values the response holds: each field of each row.</param>
public sealed record CostEstimate(long UpstreamCalls, long ResultItems)
{
    public const string UserContextKey = "crmfed.cost";
}
