namespace CrmFederation.Gateway.Limits;

/// <summary>Stands for the errors left out of a capped list (<see cref="ErrorListCap"/>).</summary>
public sealed class TooManyErrorsError(int leftOut)
    : GraphQL.Validation.ValidationError($"... and {leftOut} more errors, left out: fix the ones above first.")
{
    public int LeftOut { get; } = leftOut;
}
