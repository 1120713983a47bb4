using CrmFederation.Gateway.Schema.Diff;
using static CrmFederation.Gateway.Schema.Diff.SchemaChangeKind;
using static CrmFederation.Gateway.Schema.Diff.SchemaChangeSeverity;

namespace CrmFederation.Gateway.Tests.Schema.Diff;

/// <summary>Each kind of change between two small SDL versions, with the severity it gets and where it points.</summary>
public sealed class SchemaDiffTests
{
    private const string Base = """
        type Query { customer(id: ID!): Customer  customers(first: Int = 20, segment: Segment): [Customer!]! }
        "A customer."
        type Customer implements Node {
          id: ID!
          name: String!
          primaryEmail: String
          tags: [String!]!
          invoices(status: InvoiceStatus, first: Int = 10): [Invoice!]!
        }
        interface Node { id: ID! }
        type Invoice implements Node { id: ID!  status: InvoiceStatus! }
        enum Segment { SMB ENTERPRISE }
        enum InvoiceStatus { OPEN PAID }
        union SearchResult = Customer | Invoice
        input CustomerFilter { country: String  segment: Segment = SMB  ids: [ID!] }
        scalar Date
        """;

    [Fact]
    public void Compare_SameSchema_NoChanges()
    {
        Assert.Empty(Diff(Base, Base).Changes);
    }

    [Fact]
    public void Compare_SameSchemaSplitIntoExtensions_NoChanges()
    {
        var split = Base.Replace("  primaryEmail: String\n", "", StringComparison.Ordinal);

        var report = SchemaDiff.Compare(SchemaSurface.Parse(Base), SchemaSurface.Parse(split, "extend type Customer { primaryEmail: String }"));

        Assert.Empty(report.Changes);
    }

    [Fact]
    public void Compare_TypeRemoved_Breaking()
    {
        var change = Single(Base, Base.Replace("scalar Date", "", StringComparison.Ordinal));

        Assert.Equal((TypeRemoved, Breaking, "Date"), (change.Kind, change.Severity, change.Path));
        Assert.Equal("Type 'Date' was removed.", change.Message);
    }

    [Fact]
    public void Compare_TypeAdded_Safe()
    {
        var change = Single(Base, Base + "\ntype Shopper { id: ID! }");

        Assert.Equal((TypeAdded, Safe, "Shopper"), (change.Kind, change.Severity, change.Path));
    }

    [Fact]
    public void Compare_TypeKindChanged_BreakingAndNothingElseAboutIt()
    {
        var change = Single(Base, Base.Replace("scalar Date", "enum Date { TODAY }", StringComparison.Ordinal));

        Assert.Equal((TypeKindChanged, Breaking, "Date"), (change.Kind, change.Severity, change.Path));
        Assert.Equal("Type 'Date' changed from scalar to enum.", change.Message);
    }

    [Fact]
    public void Compare_FieldRemoved_BreakingAtTheFieldsCoordinate()
    {
        var change = Single(Base, Base.Replace("  primaryEmail: String\n", "", StringComparison.Ordinal));

        Assert.Equal((FieldRemoved, Breaking, "Customer.primaryEmail"), (change.Kind, change.Severity, change.Path));
        Assert.Equal("Field 'Customer.primaryEmail' was removed.", change.Message);
    }

    [Fact]
    public void Compare_FieldAdded_Safe()
    {
        var change = Single(Base, Base.Replace("  primaryEmail: String\n", "  primaryEmail: String\n  phone: String\n", StringComparison.Ordinal));

        Assert.Equal((FieldAdded, Safe, "Customer.phone"), (change.Kind, change.Severity, change.Path));
    }

    [Theory]
    [InlineData("primaryEmail: String", "primaryEmail: String!", Safe)]
    [InlineData("name: String!", "name: String", Breaking)]
    [InlineData("name: String!", "name: ID!", Breaking)]
    [InlineData("primaryEmail: String", "primaryEmail: [String]", Breaking)]
    [InlineData("tags: [String!]!", "tags: String!", Breaking)]
    [InlineData("tags: [String!]!", "tags: [String]!", Breaking)]
    [InlineData("tags: [String!]!", "tags: [String!]", Breaking)]
    [InlineData("tags: [String!]!", "tags: [[String!]!]!", Breaking)]
    public void Compare_OutputFieldTypeChanged_NarrowingIsSafeEverythingElseBreaks(string before, string after, SchemaChangeSeverity expected)
    {
        var change = Single(Base, Base.Replace(before, after, StringComparison.Ordinal));

        Assert.Equal(FieldTypeChanged, change.Kind);
        Assert.Equal(expected, change.Severity);
        Assert.Contains($"from {before.Split(": ")[1]} to {after.Split(": ")[1]}", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ArgumentRemoved_BreakingAtTheArgumentsCoordinate()
    {
        var change = Single(Base, Base.Replace("invoices(status: InvoiceStatus, first: Int = 10)", "invoices(first: Int = 10)", StringComparison.Ordinal));

        Assert.Equal((ArgumentRemoved, Breaking, "Customer.invoices(status:)"), (change.Kind, change.Severity, change.Path));
    }

    [Theory]
    [InlineData("since: Date", Safe)]
    [InlineData("since: Date!", Breaking)]
    [InlineData("since: Date! = \"2020-01-01\"", Safe)]
    [InlineData("since: [Date!]", Safe)]
    public void Compare_ArgumentAdded_BreakingOnlyWhenRequired(string argument, SchemaChangeSeverity expected)
    {
        var change = Single(Base, Base.Replace("first: Int = 10)", $"first: Int = 10, {argument})", StringComparison.Ordinal));

        Assert.Equal((ArgumentAdded, expected, "Customer.invoices(since:)"), (change.Kind, change.Severity, change.Path));
    }

    [Theory]
    [InlineData("customer(id: ID!)", "customer(id: ID)", Safe)]
    [InlineData("segment: Segment)", "segment: Segment!)", Breaking)]
    [InlineData("segment: Segment)", "segment: [Segment])", Breaking)]
    [InlineData("segment: Segment)", "segment: String)", Breaking)]
    public void Compare_ArgumentTypeChanged_RelaxingIsSafeTighteningBreaks(string before, string after, SchemaChangeSeverity expected)
    {
        var change = Single(Base, Base.Replace(before, after, StringComparison.Ordinal));

        Assert.Equal((ArgumentTypeChanged, expected), (change.Kind, change.Severity));
    }

    [Fact]
    public void Compare_ArgumentMadeRequired_BreakingAndSaysSo()
    {
        var change = Single(Base, Base.Replace("segment: Segment)", "segment: Segment!)", StringComparison.Ordinal));

        Assert.Equal("Query.customers(segment:)", change.Path);
        Assert.Equal("Argument 'Query.customers(segment:)' became required (Segment before, Segment! now).", change.Message);
    }

    [Fact]
    public void Compare_ArgumentLosesTheDefaultOfItsNonNullType_BreakingBecauseItBecameRequired()
    {
        var change = Single(
            Base.Replace("first: Int = 20", "first: Int! = 20", StringComparison.Ordinal),
            Base.Replace("first: Int = 20", "first: Int!", StringComparison.Ordinal));

        Assert.Equal((ArgumentTypeChanged, Breaking, "Query.customers(first:)"), (change.Kind, change.Severity, change.Path));
        Assert.Contains("became required", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ArgumentDefaultChanged_Dangerous()
    {
        var change = Single(Base, Base.Replace("first: Int = 20", "first: Int = 50", StringComparison.Ordinal));

        Assert.Equal((ArgumentDefaultChanged, Dangerous, "Query.customers(first:)"), (change.Kind, change.Severity, change.Path));
        Assert.Contains("from 20 to 50", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ArgumentDefaultRemovedFromANullableArgument_Dangerous()
    {
        var change = Single(Base, Base.Replace("first: Int = 20", "first: Int", StringComparison.Ordinal));

        Assert.Equal((ArgumentDefaultChanged, Dangerous), (change.Kind, change.Severity));
        Assert.Contains("from 20 to none", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RequiredArgumentGivenADefault_SafeBecauseEveryWorkingOperationSentIt()
    {
        var change = Single(Base, Base.Replace("customer(id: ID!)", "customer(id: ID! = \"C-1\")", StringComparison.Ordinal));

        Assert.Equal((ArgumentDefaultChanged, Safe, "Query.customer(id:)"), (change.Kind, change.Severity, change.Path));
        Assert.Contains("optional now", change.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interface Node { id: ID! }", "interface Node { id: ID }", Breaking)]
    [InlineData("interface Node { id: ID! }", "interface Node { id: ID! name: String }", Safe)]
    [InlineData("type Invoice implements Node { id: ID!  status: InvoiceStatus! }", "type Invoice implements Node { id: ID!  status: InvoiceStatus }", Breaking)]
    [InlineData("input CustomerFilter { country: String  segment: Segment = SMB  ids: [ID!] }", "input CustomerFilter { country: String  segment: Segment = SMB  ids: [ID] }", Safe)]
    [InlineData("input CustomerFilter { country: String  segment: Segment = SMB  ids: [ID!] }", "input CustomerFilter { country: String  segment: Segment = SMB  ids: [ID!]! }", Breaking)]
    [InlineData("scalar Date", "", Breaking)]
    [InlineData("enum Segment { SMB ENTERPRISE }", "enum Segment { SMB ENTERPRISE MID_MARKET }", Dangerous)]
    public void Compare_NullabilityAndMembership_ClassifiedByPosition(string before, string after, SchemaChangeSeverity expected)
    {
        var change = Single(Base, Base.Replace(before, after, StringComparison.Ordinal));

        Assert.Equal(expected, change.Severity);
    }

    [Fact]
    public void Compare_EnumValueRemoved_Breaking()
    {
        var change = Single(Base, Base.Replace("enum InvoiceStatus { OPEN PAID }", "enum InvoiceStatus { OPEN }", StringComparison.Ordinal));

        Assert.Equal((EnumValueRemoved, Breaking, "InvoiceStatus.PAID"), (change.Kind, change.Severity, change.Path));
    }

    [Fact]
    public void Compare_EnumValueAdded_Dangerous()
    {
        var change = Single(Base, Base.Replace("enum InvoiceStatus { OPEN PAID }", "enum InvoiceStatus { OPEN PAID OVERDUE }", StringComparison.Ordinal));

        Assert.Equal((EnumValueAdded, Dangerous, "InvoiceStatus.OVERDUE"), (change.Kind, change.Severity, change.Path));
    }

    [Fact]
    public void Compare_UnionMemberRemoved_Breaking()
    {
        var change = Single(Base, Base.Replace("union SearchResult = Customer | Invoice", "union SearchResult = Customer", StringComparison.Ordinal));

        Assert.Equal((UnionMemberRemoved, Breaking, "SearchResult"), (change.Kind, change.Severity, change.Path));
        Assert.Equal("Member 'Invoice' was removed from union 'SearchResult'.", change.Message);
    }

    [Fact]
    public void Compare_UnionMemberAdded_Dangerous()
    {
        var change = Single(Base + "\ntype Ticket { id: ID! }", Base.Replace("Customer | Invoice", "Customer | Invoice | Ticket", StringComparison.Ordinal) + "\ntype Ticket { id: ID! }");

        Assert.Equal((UnionMemberAdded, Dangerous, "SearchResult"), (change.Kind, change.Severity, change.Path));
    }

    [Fact]
    public void Compare_InterfaceImplementationRemoved_Breaking()
    {
        var change = Single(Base, Base.Replace("type Invoice implements Node", "type Invoice", StringComparison.Ordinal));

        Assert.Equal((InterfaceRemoved, Breaking, "Invoice"), (change.Kind, change.Severity, change.Path));
        Assert.Equal("Type 'Invoice' no longer implements interface 'Node'.", change.Message);
    }

    [Fact]
    public void Compare_InterfaceImplementationAdded_Dangerous()
    {
        var change = Single(Base + "\ntype Deal { id: ID! }", Base + "\ntype Deal implements Node { id: ID! }");

        Assert.Equal((InterfaceAdded, Dangerous, "Deal"), (change.Kind, change.Severity, change.Path));
    }

    [Fact]
    public void Compare_InputFieldRemoved_Breaking()
    {
        var change = Single(Base, Base.Replace("country: String  segment", "segment", StringComparison.Ordinal));

        Assert.Equal((InputFieldRemoved, Breaking, "CustomerFilter.country"), (change.Kind, change.Severity, change.Path));
    }

    [Theory]
    [InlineData("city: String", Safe)]
    [InlineData("city: String!", Breaking)]
    [InlineData("city: String! = \"Berlin\"", Safe)]
    public void Compare_InputFieldAdded_BreakingOnlyWhenRequired(string field, SchemaChangeSeverity expected)
    {
        var change = Single(Base, Base.Replace("ids: [ID!] }", $"ids: [ID!]  {field} }}", StringComparison.Ordinal));

        Assert.Equal((InputFieldAdded, expected, "CustomerFilter.city"), (change.Kind, change.Severity, change.Path));
    }

    [Theory]
    [InlineData("country: String ", "country: String! ", Breaking)]
    [InlineData("ids: [ID!]", "ids: [ID]", Safe)]
    [InlineData("ids: [ID!]", "ids: ID", Breaking)]
    public void Compare_InputFieldTypeChanged_RelaxingIsSafeTighteningBreaks(string before, string after, SchemaChangeSeverity expected)
    {
        var change = Single(Base, Base.Replace(before, after, StringComparison.Ordinal));

        Assert.Equal((InputFieldTypeChanged, expected), (change.Kind, change.Severity));
    }

    [Fact]
    public void Compare_InputFieldDefaultChanged_Dangerous()
    {
        var change = Single(Base, Base.Replace("segment: Segment = SMB", "segment: Segment = ENTERPRISE", StringComparison.Ordinal));

        Assert.Equal((InputFieldDefaultChanged, Dangerous, "CustomerFilter.segment"), (change.Kind, change.Severity, change.Path));
        Assert.Contains("from SMB to ENTERPRISE", change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DescriptionsChanged_Safe()
    {
        var after = Base.Replace("\"A customer.\"", "\"A customer, from four systems.\"", StringComparison.Ordinal)
            .Replace("  name: String!", "  \"The CRM's name.\"\n  name: String!", StringComparison.Ordinal);

        var report = Diff(Base, after);

        Assert.Equal(
            [(TypeDescriptionChanged, "Customer"), (FieldDescriptionChanged, "Customer.name")],
            report.Changes.Select(c => (c.Kind, c.Path)));
        Assert.All(report.Changes, c => Assert.Equal(Safe, c.Severity));
    }

    [Fact]
    public void Compare_FieldDeprecated_SafeWithTheReason()
    {
        var change = Single(Base, Base.Replace("  primaryEmail: String\n", "  primaryEmail: String @deprecated(reason: \"Use contacts.\")\n", StringComparison.Ordinal));

        Assert.Equal((FieldDeprecationChanged, Safe, "Customer.primaryEmail"), (change.Kind, change.Severity, change.Path));
        Assert.Equal("Field 'Customer.primaryEmail' is deprecated: Use contacts.", change.Message);
    }

    [Fact]
    public void Compare_SeveralChanges_MostHarmfulFirstThenByPath()
    {
        var after = Base.Replace("  primaryEmail: String\n", "  phone: String\n", StringComparison.Ordinal)
            .Replace("enum Segment { SMB ENTERPRISE }", "enum Segment { SMB ENTERPRISE PUBLIC }", StringComparison.Ordinal)
            .Replace("enum InvoiceStatus { OPEN PAID }", "enum InvoiceStatus { OPEN }", StringComparison.Ordinal);

        var report = Diff(Base, after);

        Assert.Equal(
            [(Breaking, "Customer.primaryEmail"), (Breaking, "InvoiceStatus.PAID"), (Dangerous, "Segment.PUBLIC"), (Safe, "Customer.phone")],
            report.Changes.Select(c => (c.Severity, c.Path)));
        Assert.True(report.HasBreakingChanges);
        Assert.Equal(2, report.Breaking.Count());
        Assert.Equal(1, report.Count(Dangerous));
    }

    [Fact]
    public void Compare_OnlySafeAndDangerousChanges_HasNoBreakingChanges()
    {
        var report = Diff(Base, Base.Replace("enum Segment { SMB ENTERPRISE }", "enum Segment { SMB ENTERPRISE PUBLIC }", StringComparison.Ordinal) + "\nscalar Money");

        Assert.False(report.HasBreakingChanges);
        Assert.Equal(2, report.Changes.Count);
    }

    [Fact]
    public void ToString_Change_SeverityPathAndMessage()
    {
        var change = Single(Base, Base.Replace("  primaryEmail: String\n", "", StringComparison.Ordinal));

        Assert.Equal("breaking: Customer.primaryEmail: Field 'Customer.primaryEmail' was removed.", change.ToString());
    }

    private static SchemaChangeReport Diff(string before, string after) =>
        SchemaDiff.Compare(SchemaSurface.Parse(before), SchemaSurface.Parse(after));

    private static SchemaChange Single(string before, string after)
    {
        var changes = Diff(before, after).Changes;
        Assert.True(changes.Count == 1, $"Expected one change, got {changes.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, changes)}");
        return changes[0];
    }
}
