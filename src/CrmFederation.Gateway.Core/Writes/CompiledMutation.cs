using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// A field of the Mutation type, compiled: the Query field's fetch that reads the object (before the
/// writes, to find the items to change, and after them, for the payload), its arguments, the writable
/// input fields, and the payload's field names.
/// </summary>
public sealed record CompiledMutation(
    string Name,
    FetchFieldBinding Read,
    string KeyArgument,
    string InputArgument,
    IReadOnlyDictionary<string, WritableField> Fields,
    string PayloadObjectField,
    string PayloadErrorsField)
{
    /// <summary>The input path the source names in a refusal (<c>BillingAddress.Country</c> → <c>billingAddress.country</c>), per target.</summary>
    public string? InputPathOf(WriteTarget target, string sourcePath)
    {
        foreach (var field in Fields.Values.Where(f => f.Target == target))
        {
            if (field.SourcePath == sourcePath)
            {
                return field.InputName;
            }

            if (field.Children.FirstOrDefault(child => $"{field.SourcePath}.{child.SourcePath}" == sourcePath) is { } child)
            {
                return $"{field.InputName}.{child.InputName}";
            }
        }

        return null;
    }
}
