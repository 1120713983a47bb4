using GraphQLParser;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Measures the tree an operation executes (<see cref="OperationSize"/>) in time linear in the size of the
/// document. Each fragment definition is measured once and its size reused at every spread, so a chain of
/// fragments that each spread the next twice costs one visit per definition, not one per path through the
/// chain. The walk keeps its own stack instead of recursing, so a document nested thousands of levels
/// through fragments cannot overflow the thread's stack, and it never enters a fragment already on its
/// path, so a fragment cycle cannot loop. <c>@skip</c> and <c>@include</c> are not evaluated: what they
/// might leave out is counted, which errs on the side of refusing.
/// </summary>
public sealed class OperationMeasure
{
    private readonly Dictionary<ROM, GraphQLFragmentDefinition> _fragments = [];
    private readonly Dictionary<GraphQLFragmentDefinition, OperationSize> _measured = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<GraphQLFragmentDefinition> _onPath = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<SelectionSetTally> _path = new();

    private OperationMeasure(GraphQLDocument document)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            // The first definition of a name is the one GraphQL.NET resolves spreads to; it reports the duplicates.
            _fragments.TryAdd(fragment.FragmentName.Name, fragment);
        }
    }

    public static OperationSize Measure(GraphQLDocument document, GraphQLOperationDefinition operation) =>
        new OperationMeasure(document).Walk(operation.SelectionSet);

    private OperationSize Walk(GraphQLSelectionSet operationSelections)
    {
        _path.Push(new SelectionSetTally(operationSelections, Owner.Operation));
        while (true)
        {
            var current = _path.Peek();
            if (current.NextSelection() is { } selection)
            {
                Visit(selection, current);
                continue;
            }

            _path.Pop();
            var size = current.Size;
            if (current.Fragment is { } fragment)
            {
                _onPath.Remove(fragment);
                _measured[fragment] = size;
            }

            if (_path.Count == 0)
            {
                return size;
            }

            _path.Peek().AddNested(current.Owner, size);
        }
    }

    private void Visit(ASTNode selection, SelectionSetTally current)
    {
        switch (selection)
        {
            case GraphQLField { SelectionSet: null }:
                current.AddLeafField();
                break;
            case GraphQLField { SelectionSet: { } fieldSelections }:
                _path.Push(new SelectionSetTally(fieldSelections, Owner.Field));
                break;
            case GraphQLInlineFragment inline:
                _path.Push(new SelectionSetTally(inline.SelectionSet, Owner.Fragment));
                break;
            case GraphQLFragmentSpread spread:
                VisitSpread(spread, current);
                break;
        }
    }

    private void VisitSpread(GraphQLFragmentSpread spread, SelectionSetTally current)
    {
        if (!_fragments.TryGetValue(spread.FragmentName.Name, out var fragment) || _onPath.Contains(fragment))
        {
            // An undefined fragment or a cycle: GraphQL.NET's rules refuse the document. Counting the spread as a
            // field keeps a document of thousands of them from getting past the limit to those rules, whose cost
            // grows faster than the number of spreads.
            current.AddLeafField();
        }
        else if (_measured.TryGetValue(fragment, out var size))
        {
            current.AddNested(Owner.Fragment, size);
        }
        else
        {
            _onPath.Add(fragment);
            _path.Push(new SelectionSetTally(fragment.SelectionSet, Owner.Fragment, fragment));
        }
    }

    /// <summary>What a selection set belongs to: only a field's adds a level of fields.</summary>
    private enum Owner
    {
        Operation,
        Field,

        /// <summary>A fragment definition (reached through a spread) or an inline fragment.</summary>
        Fragment,
    }

    /// <summary>One selection set on the walk's path: the selections still to visit and the size of those visited.</summary>
    private sealed class SelectionSetTally(GraphQLSelectionSet selectionSet, Owner owner, GraphQLFragmentDefinition? fragment = null)
    {
        private int _next;
        private int _depth;
        private long _fieldCount;
        private int _nestedSets;

        public Owner Owner => owner;

        /// <summary>Set when this is a fragment definition's selection set, whose size is kept for its other spreads.</summary>
        public GraphQLFragmentDefinition? Fragment => fragment;

        /// <summary>Depth and nesting cannot overflow: neither exceeds the number of selection sets in the document.</summary>
        public OperationSize Size => new(_depth, _fieldCount, _nestedSets + 1);

        public ASTNode? NextSelection() =>
            _next < selectionSet.Selections.Count ? selectionSet.Selections[_next++] : null;

        public void AddLeafField() => Add(depth: 1, fieldCount: 1, nesting: 0);

        public void AddNested(Owner nestedOwner, OperationSize nested)
        {
            if (nestedOwner == Owner.Field)
            {
                Add(nested.Depth + 1, SaturatingAdd(nested.FieldCount, 1), nested.Nesting);
            }
            else
            {
                Add(nested.Depth, nested.FieldCount, nested.Nesting);
            }
        }

        private void Add(int depth, long fieldCount, int nesting)
        {
            _depth = Math.Max(_depth, depth);
            _fieldCount = SaturatingAdd(_fieldCount, fieldCount);
            _nestedSets = Math.Max(_nestedSets, nesting);
        }

        /// <summary>A chain of fragments each spreading the next twice doubles the count per link; past 2^63 it stays at <see cref="long.MaxValue"/>.</summary>
        private static long SaturatingAdd(long count, long more) => count > long.MaxValue - more ? long.MaxValue : count + more;
    }
}
