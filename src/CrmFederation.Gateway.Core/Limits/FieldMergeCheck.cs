using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// The spec's "field selections merge" rule (5.3.2) in time linear in the executed tree. GraphQL.NET's
/// OverlappingFieldsCanBeMerged compares every pair of fields sharing a response name and writes an error
/// per conflicting pair: 999 aliases <c>x</c> of different lookups cost it about 15 s of CPU and a 143 MB
/// answer. Here the fields of each selection set (fragments flattened) are grouped by type scope and
/// response name, each is compared with its group's first, and the sub-selections of a group are merged
/// and checked once. Sameness is an equivalence, so comparing with one representative finds every
/// conflict the pairwise rule finds within a scope. Fields in different scopes (fragments on different
/// types) are not compared: where a schema has interfaces or unions, those pairs are left to GraphQL.NET's
/// rule, which then still runs (<see cref="IsComplete"/>).
/// </summary>
public sealed class FieldMergeCheck(GraphQLDocument document, ISchema schema)
{
    private readonly FieldCollector _collector = new(document);
    private readonly List<ValidationError> _conflicts = [];
    private int _total;

    /// <summary>
    /// True when this check is the whole rule for <paramref name="schema"/>: without interfaces and unions every
    /// selection set has one possible type, a fragment's type condition must be it, and same-named fields of
    /// one type have one return type, so nothing is left to compare.
    /// </summary>
    public static bool IsComplete(ISchema schema) => !schema.AllTypes.Any(type => type is IAbstractGraphType);

    /// <summary>The conflicts in every operation of the document, at most <see cref="ErrorListCap.MaxErrors"/> and one saying how many more.</summary>
    public List<ValidationError> Conflicts()
    {
        var pending = new Stack<(IEnumerable<GraphQLSelectionSet> Sets, IGraphType? Type)>();
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            pending.Push(([operation.SelectionSet], RootOf(operation.Operation)));
        }

        while (pending.TryPop(out var next))
        {
            foreach (var group in _collector.Collect(next.Sets, next.Type?.Name))
            {
                if (!HasConflict(group) && group.SubSelections.Any())
                {
                    pending.Push((group.SubSelections, FieldType(group, next.Type)));
                }
            }
        }

        return ErrorListCap.Cap(_conflicts, _total);
    }

    private bool HasConflict(CollectedField group)
    {
        var first = group.First;
        var conflict = false;
        foreach (var other in group.Fields.Skip(1))
        {
            string? reason = null;
            if (other.Name.Value != first.Name.Value)
            {
                reason = $"{first.Name.StringValue} and {other.Name.StringValue} are different fields";
            }
            else if (!SameArguments(first.Arguments, other.Arguments))
            {
                reason = "they have differing arguments";
            }

            if (reason is null)
            {
                continue;
            }

            conflict = true;
            if (++_total <= ErrorListCap.MaxErrors)
            {
                _conflicts.Add(new FieldConflictError(document.Source, group.ResponseName, reason, first, other));
            }
        }

        return conflict;
    }

    private IGraphType? RootOf(OperationType operation) => operation switch
    {
        OperationType.Query => schema.Query,
        OperationType.Mutation => schema.Mutation,
        _ => schema.Subscription,
    };

    /// <summary>The named type of the group's field, on the scope's type; null when unknown (GraphQL.NET's other rules report that).</summary>
    private IGraphType? FieldType(CollectedField group, IGraphType? parent)
    {
        var scopeType = group.Scope is { } scope && scope != parent?.Name ? schema.AllTypes[scope] : parent;
        return (scopeType as IComplexGraphType)?.GetField(group.First.Name.StringValue)?.ResolvedType?.GetNamedType();
    }

    /// <summary>As GraphQL.NET compares them: the same names, each value printing the same (object fields in order).</summary>
    private static bool SameArguments(GraphQLArguments? first, GraphQLArguments? other)
    {
        if ((first?.Count ?? 0) != (other?.Count ?? 0))
        {
            return false;
        }

        foreach (var argument in first?.Items ?? [])
        {
            var match = other!.Items.FirstOrDefault(a => a.Name.Value == argument.Name.Value);
            if (match is null || !GraphQLValues.Same(argument.Value, match.Value))
            {
                return false;
            }
        }

        return true;
    }
}
