namespace CrmFederation.Gateway.Execution;

/// <summary>An error reported beside a value that is not the real answer (a non-null list left empty).</summary>
public interface IReplacedValueError
{
    bool ValueReplaced { get; }
}
