using GraphQLParser;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// The fields of one or more selection sets that answer one response name within one type scope: what
/// GraphQL executes as one field, its sub-selections merged (the spec's CollectFields).
/// </summary>
/// <param name="Scope">The type the fields are selected on: the parent type, or a fragment's type condition; null when unknown.</param>
public sealed record CollectedField(string? Scope, ROM ResponseName, List<GraphQLField> Fields)
{
    public GraphQLField First => Fields[0];

    public IEnumerable<GraphQLSelectionSet> SubSelections => Fields.Select(f => f.SelectionSet).OfType<GraphQLSelectionSet>();
}
