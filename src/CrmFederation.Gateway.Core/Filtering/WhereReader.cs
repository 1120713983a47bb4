using System.Collections;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// Reads a <c>where</c> argument into <see cref="FilterTerm"/>s by the bindings of the type it filters: each
/// field of a …Where input is the same-named field of the type. A field read from the row is compared; an
/// inline object (a Money) compares its one ordered field, its other fields (currency) by equality; a fetched
/// field becomes a <see cref="RelatedTerm"/> (<c>some</c>/<c>none</c> for lists), whose inner conditions the
/// fetched endpoint declares it filters by are sent to it. Filtering on a field needs the right to read it.
/// Bounded: <c>limits.maxFilterTerms</c> terms in all, <c>limits.maxFilterValues</c> values per <c>in</c>.
/// </summary>
public sealed class WhereReader(RequestScope scope)
{
    private int _terms;

    public FilterTerm? Read(object? where, ObjectBinding type) => where is IDictionary<string, object?> input ? ReadObject(input, type) : null;

    private FilterTerm? ReadObject(IDictionary<string, object?> input, ObjectBinding type)
    {
        var terms = new List<FilterTerm>();
        foreach (var (name, value) in input)
        {
            if (value is null)
            {
                continue;
            }

            Count();
            switch (name)
            {
                case "and":
                    terms.Add(new AllOf(Inputs(value).Select(i => ReadObject(i, type) ?? new AllOf([])).ToList()));
                    break;
                case "or":
                    terms.Add(new AnyOf(Inputs(value).Select(i => ReadObject(i, type) ?? new AllOf([])).ToList()));
                    break;
                case "not":
                    terms.Add(new NotTerm(ReadObject((IDictionary<string, object?>)value, type) ?? new AllOf([])));
                    break;
                default:
                    terms.AddRange(ReadField(type, name, value));
                    break;
            }
        }

        return AllOf.Of(terms);
    }

    private IEnumerable<FilterTerm> ReadField(ObjectBinding type, string name, object value)
    {
        var coordinate = $"{type.TypeName}.{name}";
        var binding = FieldOf(type, name, "filter");
        var input = (IDictionary<string, object?>)value;
        switch (binding)
        {
            case PathFieldBinding field:
                return Comparisons(coordinate, field, input, extra: null);
            case NestedObjectFieldBinding { IsList: false } nested when OrderedField(nested.Binding) is { } compared:
                return Comparisons(coordinate, compared, input, nested.Binding);
            case FetchFieldBinding { IsList: false } fetch:
                return [new RelatedTerm(coordinate, fetch, Quantifier.One, ReadObject(input, fetch.Result), [], null)];
            case FetchFieldBinding fetch:
                return input.Where(q => q.Value is not null).Select(q => Related(coordinate, fetch, q.Key, (IDictionary<string, object?>)q.Value!));
            default:
                throw new ExecutionError($"The field '{coordinate}' cannot be filtered.") { Code = "BAD_USER_INPUT" };
        }
    }

    /// <summary>The binding of a field the caller may read, or a clear error.</summary>
    public FieldBinding FieldOf(ObjectBinding type, string name, string use)
    {
        var coordinate = $"{type.TypeName}.{name}";
        if (!type.Fields.TryGetValue(name, out var binding))
        {
            throw new ExecutionError($"The field '{coordinate}' cannot be used to {use}: {type.TypeName} has no such field.") { Code = "BAD_USER_INPUT" };
        }

        if (scope.Policy?.Fields.TryGetValue(coordinate, out var policy) == true && scope.Permissions.Denial(policy) is { } denial)
        {
            throw new ExecutionError($"Cannot {use} by '{coordinate}': {denial}") { Code = "FORBIDDEN" };
        }

        return binding;
    }

    private RelatedTerm Related(string coordinate, FetchFieldBinding fetch, string quantifier, IDictionary<string, object?> input)
    {
        Count();
        var inner = ReadObject(input, fetch.Result);
        var conjuncts = inner is AllOf all ? all.Terms.ToList() : inner is null ? [] : [inner];
        var parameters = new List<KeyValuePair<string, string>>();
        var pushed = new List<string>();
        foreach (var comparison in conjuncts.OfType<FieldComparison>().ToList())
        {
            if (comparison.Operator is FilterOperator.Eq or FilterOperator.In
                && fetch.Endpoint.FilterParameter(comparison.Field.Path.Text, FilterOperator.In) is { } parameter
                && parameters.All(p => p.Key != parameter)
                && comparison.SourceValues().ToList() is { Count: > 0 } spelled)
            {
                parameters.AddRange(fetch.Endpoint.RepeatListParameters
                    ? spelled.Select(v => new KeyValuePair<string, string>(parameter, v))
                    : [new(parameter, string.Join(',', spelled))]);
                pushed.Add(comparison.Describe());
                conjuncts.Remove(comparison);
            }
        }

        parameters.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new RelatedTerm(coordinate, fetch, quantifier == "none" ? Quantifier.None : Quantifier.Some, AllOf.Of(conjuncts), parameters,
            pushed.Count == 0 ? null : string.Join(" and ", pushed));
    }

    private List<FilterTerm> Comparisons(string coordinate, PathFieldBinding field, IDictionary<string, object?> input, ObjectBinding? extra)
    {
        var terms = new List<FilterTerm>();
        foreach (var (name, value) in input)
        {
            if (value is null)
            {
                continue;
            }

            Count();
            if (FilterOperators.ByName.TryGetValue(name, out var op))
            {
                terms.Add(new FieldComparison(coordinate, field, op, op == FilterOperator.In ? Values(coordinate, value) : [value]));
            }
            else if (extra is not null && FieldOf(extra, name, "filter") is PathFieldBinding other)
            {
                // A Money's currency beside the comparison of its amount.
                terms.Add(new FieldComparison($"{coordinate}.{name}", other, FilterOperator.Eq, [value]));
            }
            else
            {
                throw new ExecutionError($"'{name}' is no comparison of '{coordinate}'.") { Code = "BAD_USER_INPUT" };
            }
        }

        return terms;
    }

    private List<object> Values(string coordinate, object value)
    {
        var values = ((IEnumerable)value).Cast<object?>().OfType<object>().ToList();
        if (values.Count > scope.Limits.MaxFilterValues)
        {
            throw new ExecutionError($"The 'in' of '{coordinate}' lists {values.Count} values; a filter takes at most {scope.Limits.MaxFilterValues} (limits.maxFilterValues).")
            {
                Code = "BAD_USER_INPUT",
            };
        }

        return values;
    }

    /// <summary>The one field of an inline object the comparison operators apply to: its ordered (number or date) field.</summary>
    private static PathFieldBinding? OrderedField(ObjectBinding binding)
    {
        var ordered = binding.Fields.Values.OfType<PathFieldBinding>()
            .Where(f => f.Converter.Kind is ValueKind.Decimal or ValueKind.Int or ValueKind.Float or ValueKind.DateTime or ValueKind.Date)
            .ToList();
        return ordered.Count == 1 ? ordered[0] : null;
    }

    private static IEnumerable<IDictionary<string, object?>> Inputs(object value) => ((IEnumerable)value).OfType<IDictionary<string, object?>>();

    private void Count()
    {
        if (++_terms > scope.Limits.MaxFilterTerms)
        {
            throw new ExecutionError($"The filter has more than {scope.Limits.MaxFilterTerms} terms (limits.maxFilterTerms): every field, comparison, and, or and not counts one.")
            {
                Code = "BAD_USER_INPUT",
            };
        }
    }
}
