using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// The fragment spreads written in a document, in every operation and fragment definition, each counted
/// where it is written (not expanded). GraphQL.NET's OverlappingFieldsCanBeMerged rule compares spreads
/// pairwise: 1,000 spreads of one-field fragments (about 50 KB) cost it three seconds of CPU.
/// </summary>
public static class FragmentSpreadCount
{
    public static int Of(GraphQLDocument document)
    {
        var count = 0;
        var pending = new Stack<GraphQLSelectionSet>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition { SelectionSet: var operation })
            {
                pending.Push(operation);
            }
            else if (definition is GraphQLFragmentDefinition { SelectionSet: var fragment })
            {
                pending.Push(fragment);
            }
        }

        while (pending.TryPop(out var selections))
        {
            foreach (var selection in selections.Selections)
            {
                switch (selection)
                {
                    case GraphQLFragmentSpread:
                        count++;
                        break;
                    case GraphQLField { SelectionSet: { } nested }:
                        pending.Push(nested);
                        break;
                    case GraphQLInlineFragment { SelectionSet: var inline }:
                        pending.Push(inline);
                        break;
                }
            }
        }

        return count;
    }
}
