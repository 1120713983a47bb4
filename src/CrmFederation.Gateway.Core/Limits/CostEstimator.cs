using System.Collections;
using System.Globalization;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Estimates an operation's cost from its document, argument values and the compiled bindings, the way
/// the executor will spend it. Rows: a page holds its <c>first</c> (schema default included, held within
/// min and max), a list argument lookup its keys, a single-item fetch at most one row per parent, a many
/// fetch its endpoint's <c>itemsPerKey</c> (at most its take). Calls: one per page field and parent row,
/// and one batch per (endpoint, parameters, round) — the loaders' grouping, a round being a wave of
/// batches the executor dispatches together (a two-hop join spans two) — in chunks of the endpoint's
/// batch size, each chunk walking the pages its keys' items are expected to fill. Keys are counted as
/// one per parent row (an upper bound: parents without a key cost nothing), argument keys exactly, and
/// the same parent rows keyed the same way once, as the loader de-duplicates them. Items: each field of
/// each row. Fields are merged by response name first, as GraphQL executes them.
/// </summary>
public sealed class CostEstimator
{
    /// <summary>Rows assumed for a page whose binding marks no page-size argument.</summary>
    public const int DefaultPageRows = 100;

    /// <summary>Rows assumed for a list read from a parent's own item (other than a page's items).</summary>
    public const int DefaultNestedListRows = 10;

    private readonly FieldCollector _collector;
    private readonly IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? _arguments;
    private readonly Dictionary<(EndpointDefinition Endpoint, string Parameters, int Round), Batch> _batches = [];
    private double _pageCalls;
    private double _items;

    private readonly int? _maxPageSize;

    private CostEstimator(GraphQLDocument document, IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments, int? maxPageSize)
    {
        _collector = new FieldCollector(document);
        _arguments = arguments;
        _maxPageSize = maxPageSize;
    }

    public static CostEstimate Estimate(
        GraphQLDocument document,
        GraphQLOperationDefinition operation,
        IComplexGraphType root,
        ObjectBinding rootBinding,
        IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments,
        int? maxPageSize = null)
    {
        var estimator = new CostEstimator(document, arguments, maxPageSize);
        estimator.Walk([operation.SelectionSet], root, rootBinding, new Rows(1, 0));
        var calls = estimator._pageCalls + estimator._batches.Values.Sum(batch => batch.Calls());
        return new CostEstimate(Saturated(calls), Saturated(estimator._items));
    }

    private void Walk(IEnumerable<GraphQLSelectionSet> selections, IComplexGraphType? type, ObjectBinding binding, Rows rows)
    {
        foreach (var group in _collector.Collect(selections, type?.Name))
        {
            _items += rows.Count;
            var name = group.First.Name.StringValue;
            if (!binding.Fields.TryGetValue(name, out var fieldBinding))
            {
                // Introspection and __typename: answered from the schema, bounded by its size.
                continue;
            }

            var field = type?.GetField(name);
            var fieldType = field?.ResolvedType?.GetNamedType() as IComplexGraphType;
            var arguments = _arguments?.GetValueOrDefault(group.First);
            var next = fieldBinding switch
            {
                FetchFieldBinding fetch => Fetch(fetch, rows, arguments, field?.Arguments),
                PageFieldBinding page => Page(page, rows, arguments, field?.Arguments),
                NestedObjectFieldBinding nested => Nested(nested, rows),
                _ => null,
            };
            if (next is { } child && group.SubSelections.Any())
            {
                Walk(group.SubSelections, fieldType, child.Binding, child.Rows);
            }
        }
    }

    private (ObjectBinding Binding, Rows Rows)? Fetch(FetchFieldBinding fetch, Rows rows, IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions)
    {
        var endpoint = fetch.Endpoint;
        var take = fetch.Arguments.FirstOrDefault(a => a.Take)?.BoundedInt(arguments, definitions);
        var rowsPerKey = endpoint.Many ? Math.Min(endpoint.ItemsPerKey, take ?? int.MaxValue) : 1;
        var parameters = Parameters(fetch.Arguments, arguments, definitions);
        if (fetch.Key.Argument is { } argument)
        {
            var value = arguments is not null && arguments.TryGetValue(argument, out var given) ? given.Value : null;
            var requested = value is IEnumerable list and not string ? list.Cast<object?>().ToList() : [value];
            if (fetch.Key.MaxKeys is { } maxKeys && requested.Count > maxKeys)
            {
                // Refused when it runs, before any call.
                return null;
            }

            BatchOf(endpoint, parameters, rows.Round).AddKeys(requested.Select(key => fetch.SendableKey(key?.ToString())).OfType<string>());
            return (fetch.Result, new Rows(rows.Count * requested.Count * rowsPerKey, rows.Round + 1));
        }

        var round = rows.Round;
        if (fetch.Key.Via is { } via)
        {
            // The first hop loads the joined field's item, as that field itself would (no parameters), a round earlier.
            BatchOf(via.Endpoint, "", round++).AddRows(rows, via);
        }

        BatchOf(endpoint, parameters, round).AddRows(rows, fetch);
        return (fetch.Result, new Rows(rows.Count * rowsPerKey, round + 1));
    }

    private (ObjectBinding Binding, Rows Rows) Page(PageFieldBinding page, Rows rows, IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions)
    {
        // A page is not batched: one call for each parent row, and for each further source page it reads.
        var size = page.Arguments.FirstOrDefault(a => a.PageSize);
        var pageRows = size is null ? DefaultPageRows : RequestedRows(size, arguments, definitions);
        _pageCalls += rows.Count * SourcePages(page, size?.Max ?? pageRows, pageRows, arguments, definitions);
        return (page.Result, new Rows(rows.Count, rows.Round + 1, page.Endpoint.Items is { } items ? (items.Text, pageRows) : null));
    }

    /// <summary>The page size asked for, held within the binding's bounds or, above its max, the caller's role maximum.</summary>
    private int RequestedRows(ArgumentBinding size, IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions) =>
        size.ValueOf(arguments, definitions) is int requested && requested > size.Max && requested <= _maxPageSize
            ? requested
            : size.BoundedInt(arguments, definitions) ?? DefaultPageRows;

    /// <summary>
    /// The source pages one page of a list costs. A page larger than the source's takes several; a page the gateway
    /// filters or sorts (where, order) is counted at the least it reads: every row read passing, one more to tell
    /// whether another follows, once per call an in splits the list into, with the lookups in other sources its
    /// filter needs for each page read. What a sparse filter reads beyond that is bounded at run time by
    /// limits.maxScanRows (FILTER_SCAN_LIMIT).
    /// </summary>
    private double SourcePages(PageFieldBinding page, int sourcePage, int pageRows, IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions)
    {
        var where = page.Arguments.FirstOrDefault(a => a.IsWhere)?.ValueOf(arguments, definitions) as IDictionary<string, object?>;
        var filtered = where is not null || page.Arguments.Any(a => a.IsOrder && a.ValueOf(arguments, definitions) is not null);
        var pages = Math.Ceiling((pageRows + (filtered ? 1.0 : 0)) / sourcePage);
        if (where is null || page.NodesField()?.Binding is not { IsCompleted: true } nodes)
        {
            return pages;
        }

        var calls = 1.0;
        var lookups = 0.0;
        foreach (var (name, value) in where)
        {
            switch (nodes.Fields.GetValueOrDefault(name))
            {
                case PathFieldBinding field when value is IDictionary<string, object?> comparison && comparison.TryGetValue("in", out var listed) && listed is IEnumerable values
                    && page.Endpoint.FilterParameter(field.Path.Text, FilterOperator.Eq) is not null && page.Endpoint.FilterParameter(field.Path.Text, FilterOperator.In) is null:
                    calls = Math.Max(calls, values.Cast<object?>().Count());
                    break;
                case FetchFieldBinding fetch:
                    lookups += Math.Ceiling(sourcePage / (double)fetch.Endpoint.MaxBatchSize)
                        + (fetch.Key.Via is { } via ? Math.Ceiling(sourcePage / (double)via.Endpoint.MaxBatchSize) : 0);
                    break;
            }
        }

        return pages * calls * (1 + lookups);
    }

    private static (ObjectBinding Binding, Rows Rows) Nested(NestedObjectFieldBinding nested, Rows rows)
    {
        if (!nested.IsList)
        {
            // An inline object (Money, PageInfo) is read from the same item, so a page's items are still in reach.
            return (nested.Binding, nested.Path == JsonPath.Self ? rows : new Rows(rows.Count, rows.Round));
        }

        var length = rows.ItemsArray is { } items && items.Path == nested.Path.Text ? items.Rows : DefaultNestedListRows;
        return (nested.Binding, new Rows(rows.Count * length, rows.Round));
    }

    private Batch BatchOf(EndpointDefinition endpoint, string parameters, int round)
    {
        if (!_batches.TryGetValue((endpoint, parameters, round), out var batch))
        {
            batch = new Batch(endpoint);
            _batches[(endpoint, parameters, round)] = batch;
        }

        return batch;
    }

    /// <summary>The loader's key for the field's arguments: their values by parameter name (GraphQL spellings, which map to the source's one to one or many to one).</summary>
    private static string Parameters(IReadOnlyList<ArgumentBinding> bindings, IDictionary<string, ArgumentValue>? arguments, QueryArguments? definitions) =>
        string.Join('&', bindings
            .Where(b => b.Parameter is not null)
            .Select(b => (b.Parameter, Value: b.ValueOf(arguments, definitions)))
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Parameter}={Text(p.Value!)}")
            .Order(StringComparer.Ordinal));

    private static string Text(object value) => value switch
    {
        IEnumerable items and not string => string.Join(',', items.Cast<object?>().Select(item => item is null ? "" : Text(item))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static long Saturated(double value) => value >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(value);

    /// <summary>
    /// Rows of one object type at one point of the tree, available to the executor after <paramref name="Round"/>
    /// waves of batches. Compared by reference: the same rows keyed the same way give the same keys.
    /// </summary>
    /// <param name="ItemsArray">For a page: the path of its items array and the rows it holds.</param>
    private sealed record Rows(double Count, int Round, (string Path, int Rows)? ItemsArray = null)
    {
        public bool Equals(Rows? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }

    /// <summary>The keys one loader sends in one round.</summary>
    private sealed class Batch(EndpointDefinition endpoint)
    {
        private readonly HashSet<string> _argumentKeys = new(endpoint.KeyComparer);
        private readonly Dictionary<(Rows Rows, FetchFieldBinding Key), double> _rowKeys = [];

        public void AddKeys(IEnumerable<string> keys) => _argumentKeys.UnionWith(keys);

        public void AddRows(Rows rows, FetchFieldBinding keyedBy) => _rowKeys[(rows, keyedBy)] = rows.Count;

        /// <summary>Chunks of the endpoint's batch size, each walking the pages its keys' items are expected to span.</summary>
        public double Calls()
        {
            var keys = _argumentKeys.Count + _rowKeys.Values.Sum();
            var size = endpoint.MaxBatchSize;
            var fullChunks = Math.Floor(keys / size);
            var rest = (int)Math.Ceiling(keys - (fullChunks * size));
            return (fullChunks * PagesFor(size)) + (rest > 0 ? PagesFor(rest) : 0);
        }

        private int PagesFor(int keys) => endpoint.Paging?.ExpectedPages(keys, endpoint.ItemsPerKey) ?? 1;
    }
}
