namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>What changed between two versions of the public schema.</summary>
public enum SchemaChangeKind
{
    TypeAdded,
    TypeRemoved,
    TypeKindChanged,
    TypeDescriptionChanged,
    FieldAdded,
    FieldRemoved,
    FieldTypeChanged,
    FieldDescriptionChanged,
    FieldDeprecationChanged,
    ArgumentAdded,
    ArgumentRemoved,
    ArgumentTypeChanged,
    ArgumentDefaultChanged,
    ArgumentDescriptionChanged,
    InputFieldAdded,
    InputFieldRemoved,
    InputFieldTypeChanged,
    InputFieldDefaultChanged,
    InputFieldDescriptionChanged,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueDescriptionChanged,
    EnumValueDeprecationChanged,
    UnionMemberAdded,
    UnionMemberRemoved,
    InterfaceAdded,
    InterfaceRemoved,
}
