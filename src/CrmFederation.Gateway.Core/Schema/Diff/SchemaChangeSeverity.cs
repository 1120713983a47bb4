namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>What a schema change can do to the operations clients already send; ordered from harmless to harmful.</summary>
public enum SchemaChangeSeverity
{
    /// <summary>No operation that worked before stops working or changes meaning.</summary>
    Safe,

    /// <summary>Operations keep validating, but a client may meet something it did not expect (a new enum value, a changed default).</summary>
    Dangerous,

    /// <summary>An operation that worked before now fails validation or gets values its client cannot handle.</summary>
    Breaking,
}
