namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>The kinds of named type an SDL defines.</summary>
public enum SchemaTypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}
