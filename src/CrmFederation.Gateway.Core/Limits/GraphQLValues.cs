using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>Structural equality of literal values, as printing them would compare them: order matters in lists and objects.</summary>
public static class GraphQLValues
{
    public static bool Same(GraphQLValue? first, GraphQLValue? other) => (first, other) switch
    {
        (null, null) => true,
        (GraphQLVariable a, GraphQLVariable b) => a.Name.Value == b.Name.Value,
        (GraphQLIntValue a, GraphQLIntValue b) => a.Value == b.Value,
        (GraphQLFloatValue a, GraphQLFloatValue b) => a.Value == b.Value,
        (GraphQLStringValue a, GraphQLStringValue b) => a.Value == b.Value,
        (GraphQLBooleanValue a, GraphQLBooleanValue b) => a.BoolValue == b.BoolValue,
        (GraphQLNullValue, GraphQLNullValue) => true,
        (GraphQLEnumValue a, GraphQLEnumValue b) => a.Name.Value == b.Name.Value,
        (GraphQLListValue a, GraphQLListValue b) => SameItems(a.Values, b.Values),
        (GraphQLObjectValue a, GraphQLObjectValue b) => SameFields(a.Fields, b.Fields),
        _ => false,
    };

    private static bool SameItems(List<GraphQLValue>? first, List<GraphQLValue>? other)
    {
        if ((first?.Count ?? 0) != (other?.Count ?? 0))
        {
            return false;
        }

        for (var i = 0; i < (first?.Count ?? 0); i++)
        {
            if (!Same(first![i], other![i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameFields(List<GraphQLObjectField>? first, List<GraphQLObjectField>? other)
    {
        if ((first?.Count ?? 0) != (other?.Count ?? 0))
        {
            return false;
        }

        for (var i = 0; i < (first?.Count ?? 0); i++)
        {
            if (first![i].Name.Value != other![i].Name.Value || !Same(first[i].Value, other[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
