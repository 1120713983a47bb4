namespace CrmFederation.Gateway.Schema.Diff;

/// <summary>
/// One change of the public schema. <see cref="Path"/> is the schema coordinate of what changed:
/// <c>Customer</c>, <c>Customer.primaryEmail</c>, <c>Customer.invoices(status:)</c>, <c>InvoiceStatus.OVERDUE</c>
/// (an input object's field is <c>Type.field</c> too).
/// </summary>
public sealed record SchemaChange(SchemaChangeKind Kind, SchemaChangeSeverity Severity, string Path, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Path}: {Message}";
}
