using GraphQLParser;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Groups the fields of selection sets by type scope and response name, fragments and inline fragments
/// flattened into them, each fragment entered once per collection (which also stops cycles). One pass,
/// in time linear in the selections visited.
/// </summary>
public sealed class FieldCollector
{
    private readonly Dictionary<ROM, GraphQLFragmentDefinition> _fragments = [];

    public FieldCollector(GraphQLDocument document)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            // The first definition of a name is the one GraphQL.NET resolves spreads to; it reports the duplicates.
            _fragments.TryAdd(fragment.FragmentName.Name, fragment);
        }
    }

    /// <param name="parentType">The type the selection sets belong to; fragments on it share its scope.</param>
    public List<CollectedField> Collect(IEnumerable<GraphQLSelectionSet> selectionSets, string? parentType)
    {
        var groups = new Dictionary<(string? Scope, ROM ResponseName), CollectedField>();
        var collected = new List<CollectedField>();
        var entered = new HashSet<ROM>();

        // A field or a selection set still to visit, with its scope. Pushed in reverse so that fields come out
        // in document order, the order of the response.
        var pending = new Stack<(ASTNode Node, string? Scope)>();
        foreach (var set in selectionSets.Reverse())
        {
            pending.Push((set, parentType));
        }

        while (pending.TryPop(out var next))
        {
            if (next.Node is GraphQLField field)
            {
                Add(field, next.Scope, groups, collected);
                continue;
            }

            if (next.Node is GraphQLFragmentSpread spread)
            {
                if (_fragments.TryGetValue(spread.FragmentName.Name, out var fragment) && entered.Add(fragment.FragmentName.Name))
                {
                    pending.Push((fragment.SelectionSet, ScopeOf(fragment.TypeCondition, next.Scope)));
                }

                continue;
            }

            var selections = ((GraphQLSelectionSet)next.Node).Selections;
            for (var i = selections.Count - 1; i >= 0; i--)
            {
                switch (selections[i])
                {
                    case GraphQLField selected:
                        pending.Push((selected, next.Scope));
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push((inline.SelectionSet, ScopeOf(inline.TypeCondition, next.Scope)));
                        break;
                    case GraphQLFragmentSpread spreadSelection:
                        pending.Push((spreadSelection, next.Scope));
                        break;
                }
            }
        }

        return collected;
    }

    private static void Add(GraphQLField field, string? scope, Dictionary<(string?, ROM), CollectedField> groups, List<CollectedField> collected)
    {
        var responseName = (field.Alias?.Name ?? field.Name).Value;
        if (groups.TryGetValue((scope, responseName), out var group))
        {
            group.Fields.Add(field);
            return;
        }

        group = new CollectedField(scope, responseName, [field]);
        groups[(scope, responseName)] = group;
        collected.Add(group);
    }

    private static string? ScopeOf(GraphQLTypeCondition? condition, string? enclosing) =>
        condition is null ? enclosing : condition.Type.Name.StringValue;
}
