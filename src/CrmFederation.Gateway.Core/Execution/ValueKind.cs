namespace CrmFederation.Gateway.Execution;

/// <summary>The CLR shape a source value is coerced into before GraphQL serializes it.</summary>
public enum ValueKind
{
    Text,
    Int,
    Float,
    Boolean,
    Decimal,
    Date,
    DateTime,
    Enum,
}
