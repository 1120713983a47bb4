using System.Security.Cryptography;
using System.Text;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.Execution;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// Plans a list request with <c>where</c> or <c>order</c> against what its endpoint declares it can do
/// (gateway-config <c>filters</c> and <c>sort</c>). Of the filter's top-level conditions, each the endpoint
/// applies is sent as its parameter; an <c>in</c> over a field it matches one value of becomes one call per
/// value, merged in the list's order; a condition contradicting one already sent (an argument, or the
/// caller's row policy) answers the list empty without a call. The rest, and the caller's row policy where
/// the source cannot apply it, the gateway checks row by row; a sort the endpoint cannot do, it does.
/// </summary>
public static class ListPlanner
{
    /// <summary>Calls one <c>in</c> may be split into; more values are checked by the gateway instead.</summary>
    public const int MaxSplit = 20;

    public static ListPlan Plan(PageFieldBinding page, PageRows rows, IResolveFieldContext context, RequestScope scope)
    {
        var endpoint = page.Endpoint;
        var explanation = new ListExplanation(string.Join('.', context.ResponsePath), endpoint.Source.Name);
        var reader = new WhereReader(scope);
        var where = page.Arguments.FirstOrDefault(a => a.IsWhere) is { } whereArgument ? reader.Read(whereArgument.Value(context), rows.Nodes) : null;
        var keys = page.Arguments.FirstOrDefault(a => a.IsOrder) is { } orderArgument ? SortKey.Read(orderArgument.Value(context), rows.Nodes, reader) : [];
        var arguments = page.SourceParameters(context, rows.First, rows.After);
        var parameters = arguments.ToList();

        RowFilter? policy = null;
        if (scope.RowsFor(rows.Nodes) is { } filter)
        {
            var narrowing = PageNarrowing.Of(filter, rows, context);
            if (narrowing.Nothing)
            {
                return Empty(explanation);
            }

            parameters.AddRange(narrowing.Pushed);
            explanation.Pushed.AddRange(narrowing.Pushed.Select(p => ("row policy", $"{p.Key}={p.Value}")));
            policy = narrowing.Residual;
            if (policy is not null)
            {
                explanation.Gateway.Add("row policy: " + policy.Describe());
            }
        }

        var (sourceOrder, gatewaySort) = PlanSort(page, rows, keys, parameters, context, explanation);
        explanation.Pushed.InsertRange(0, arguments.Where(parameters.Contains).Select(p => ($"argument {p.Key}", $"{p.Key}={p.Value}")));
        var residual = new List<FilterTerm>();
        List<KeyValuePair<string, string>>? split = null;
        foreach (var condition in Conjuncts(where))
        {
            var outcome = condition is FieldComparison comparison
                ? Push(endpoint, comparison, parameters, ref split, sourceOrder is not null || gatewaySort is not null)
                : Outcome.Residual;
            switch (outcome)
            {
                case Outcome.Contradiction:
                    return Empty(explanation);
                case Outcome.Pushed:
                    explanation.Pushed.Add((condition.Describe(), string.Join('&', Sent(endpoint, (FieldComparison)condition, parameters))));
                    break;
                case Outcome.Split:
                    explanation.Pushed.Add((condition.Describe(), string.Join(" | ", split!.Select(p => $"{p.Key}={p.Value}"))));
                    explanation.Branches = split!.Count;
                    break;
                default:
                    residual.Add(condition);
                    explanation.Gateway.Add(condition.Describe());
                    explanation.Lookups.AddRange(condition.Related.Select(r => (r.Describe(), r.Fetch.Endpoint.DisplayName, string.Join('&', r.Parameters.Select(p => $"{p.Key}={p.Value}")))));
                    break;
            }
        }

        var test = new RowTest(policy, AllOf.Of(residual));
        IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> branches = split is null
            ? [parameters]
            : [.. split.Select(value => (IReadOnlyList<KeyValuePair<string, string>>)[.. parameters, value])];
        var fingerprint = Fingerprint(branches, test, sourceOrder, gatewaySort);
        return new ListPlan(false, parameters, branches, test, sourceOrder, gatewaySort, fingerprint, explanation);
    }

    private static ListPlan Empty(ListExplanation explanation)
    {
        explanation.Empty = true;
        return new ListPlan(true, [], [], RowTest.Everything, null, null, "", explanation);
    }

    /// <summary>
    /// A one-key order the endpoint sorts by is sent (replacing the v1 sort argument); any other the gateway does.
    /// Without an order, the order the request's own sort argument asks for, if the endpoint declares it, is the
    /// order split calls merge in.
    /// </summary>
    private static (RowOrder? Source, RowOrder? Gateway) PlanSort(
        PageFieldBinding page, PageRows rows, IReadOnlyList<SortKey> keys, List<KeyValuePair<string, string>> parameters, IResolveFieldContext context, ListExplanation explanation)
    {
        var sort = page.Endpoint.Sort;
        var natural = sort is null ? null : FieldAt(rows.Nodes, sort.Natural.Text);
        if (keys.Count == 0)
        {
            var sent = sort is null ? null : parameters.FirstOrDefault(p => p.Key == sort.Parameter).Value;
            return (sort?.Meaning(sent) is { } meaning && FieldAt(rows.Nodes, meaning.Path) is { } field
                ? new RowOrder([new SortKey($"{rows.Nodes.TypeName}.{field.Name}", field.Binding, meaning.Descending)], natural?.Binding)
                : null, null);
        }

        if (sort is not null)
        {
            var v1 = page.Arguments.FirstOrDefault(a => a.Parameter == sort.Parameter);
            if (v1 is not null && context.Arguments?.TryGetValue(v1.ArgumentName, out var given) == true && given.Source != ArgumentSource.FieldDefault)
            {
                throw new ExecutionError($"Give either '{v1.ArgumentName}' or 'order', not both.") { Code = "BAD_USER_INPUT" };
            }

            parameters.RemoveAll(p => p.Key == sort.Parameter);
        }

        var order = new RowOrder(keys, natural?.Binding);
        explanation.Sort = order.Describe();
        if (keys.Count == 1 && sort?.ValueFor(keys[0].Field.Path.Text, keys[0].Descending) is { } value)
        {
            if (value.Length > 0)
            {
                parameters.Add(new(sort.Parameter, value));
            }

            explanation.Pushed.Add(("order " + order.Describe(), value.Length > 0 ? $"{sort.Parameter}={value}" : "(the source's natural order)"));
            return (order, null);
        }

        explanation.SortBy = "gateway";
        return (null, order);
    }

    private enum Outcome
    {
        Residual,
        Pushed,
        Split,
        Contradiction,
    }

    /// <summary>Sends the comparison as the endpoint's parameter if it declares one and it is still free; a split needs an order to merge in.</summary>
    private static Outcome Push(EndpointDefinition endpoint, FieldComparison comparison, List<KeyValuePair<string, string>> parameters, ref List<KeyValuePair<string, string>>? split, bool ordered)
    {
        var path = comparison.Field.Path.Text;
        var spelled = comparison.SourceValues().Distinct(StringComparer.Ordinal).ToList();
        if (comparison.Operator is not (FilterOperator.Eq or FilterOperator.In))
        {
            if (endpoint.FilterParameter(path, comparison.Operator) is { } parameter && spelled.Count == 1 && parameters.All(p => p.Key != parameter))
            {
                parameters.Add(new(parameter, spelled[0]));
                return Outcome.Pushed;
            }

            return Outcome.Residual;
        }

        var exact = endpoint.FilterParameter(path, FilterOperator.Eq);
        if (exact is not null && parameters.FirstOrDefault(p => p.Key == exact) is { Key: not null } sent)
        {
            // The source already answers only rows of one value of the field.
            return spelled.Contains(sent.Value) ? Outcome.Pushed : Outcome.Contradiction;
        }

        if (spelled.Count == 0)
        {
            // Values the source has no spelling for: no row holds them.
            return Outcome.Contradiction;
        }

        if (exact is not null && spelled.Count == 1)
        {
            parameters.Add(new(exact, spelled[0]));
            return Outcome.Pushed;
        }

        if (endpoint.FilterParameter(path, FilterOperator.In) is { } list && parameters.All(p => p.Key != list))
        {
            parameters.Add(new(list, string.Join(',', spelled)));
            return Outcome.Pushed;
        }

        if (exact is not null && split is null && ordered && spelled.Count <= MaxSplit)
        {
            split = spelled.ConvertAll(value => new KeyValuePair<string, string>(exact, value));
            return Outcome.Split;
        }

        return Outcome.Residual;
    }

    private static IEnumerable<string> Sent(EndpointDefinition endpoint, FieldComparison comparison, List<KeyValuePair<string, string>> parameters)
    {
        var names = new[] { comparison.Operator, FilterOperator.Eq, FilterOperator.In }
            .Select(op => endpoint.FilterParameter(comparison.Field.Path.Text, op)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return parameters.Where(p => names.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}").Distinct();
    }

    private static IEnumerable<FilterTerm> Conjuncts(FilterTerm? where) => where switch
    {
        null => [],
        AllOf all => all.Terms.SelectMany(Conjuncts),
        _ => [where],
    };

    /// <summary>The listed type's field read from <paramref name="path"/> of the row.</summary>
    private static (string Name, PathFieldBinding Binding)? FieldAt(ObjectBinding type, string path) =>
        type.Fields.Where(f => f.Value is PathFieldBinding p && p.Path.Text == path).Select(f => (f.Key, (PathFieldBinding)f.Value)).FirstOrDefault() is { Item2: not null } found
            ? found
            : null;

    private static string Fingerprint(IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> branches, RowTest test, RowOrder? source, RowOrder? gateway)
    {
        var text = string.Join('\n', branches.Select(ParameterSignature.Of)) + "\n" + test.Describe() + "\n" + source?.Describe() + "\n" + gateway?.Describe();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
