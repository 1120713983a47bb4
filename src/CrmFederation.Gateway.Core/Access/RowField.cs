using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Access;

/// <summary>Which fields a row can be tested on: a String, ID or enum read from the row's own item.</summary>
public static class RowField
{
    public const string Requirement = "a String, ID or enum field read by path from the row's own item";

    /// <summary>The field's binding, if rows can be tested on it; otherwise null and what the field is instead.</summary>
    public static PathFieldBinding? Comparable(FieldBinding binding, out string whatItIs)
    {
        whatItIs = binding switch
        {
            PathFieldBinding { Converter.Kind: ValueKind.Text or ValueKind.Enum } => "",
            PathFieldBinding path => $"a {path.Converter.Kind} value",
            PresenceFieldBinding => "a Boolean saying whether a path holds a value",
            FetchFieldBinding fetch => $"fetched from {fetch.Endpoint.DisplayName}",
            PageFieldBinding page => $"a page of {page.Endpoint.DisplayName}",
            NestedObjectFieldBinding => "an object",
            _ => "not read from the row",
        };
        return whatItIs.Length == 0 ? (PathFieldBinding)binding : null;
    }
}
