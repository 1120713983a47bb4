namespace CrmFederation.Gateway.Limits;

/// <summary>An operation whose estimated cost is over the caller's limits, refused before any upstream call.</summary>
public sealed class CostLimitExceededError(string message, CostEstimate estimate, CostLimits limits)
    : GraphQL.Validation.ValidationError(message)
{
    public CostEstimate Estimate { get; } = estimate;

    public CostLimits Limits { get; } = limits;
}
