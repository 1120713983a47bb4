using System.Collections.Concurrent;
using System.Security.Claims;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;
using GraphQL;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Everything one GraphQL request shares: its loaders (so keys batch across the whole request), the
/// upstream documents its results point into (released when the response has been written), the
/// errors reported for fields that still got a value, and the rows its caller may see.
/// </summary>
public sealed class RequestScope(
    IReadOnlyDictionary<string, SourceClient> clients,
    CancellationToken requestAborted,
    SourceItemCache? cache = null,
    GatewayMetrics? metrics = null,
    ClaimsPrincipal? caller = null,
    CursorSeal? cursors = null,
    SharedBatches? batches = null)
    : IDocumentOwner, IDisposable
{
    public const string UserContextKey = "crmfed.scope";

    /// <summary>For scopes made without the host's seal (tests driving execution directly): valid within this process.</summary>
    private static readonly CursorSeal ProcessCursors = CursorSeal.ProcessLocal();

    private readonly Lock _gate = new();
    private readonly Dictionary<(object Binding, GraphQLField? Field), FieldPlan> _plans = [];
    private readonly Dictionary<(EndpointDefinition Endpoint, string Parameters), BatchLoader> _loaders = [];
    private readonly List<IDisposable> _documents = [];
    private Dictionary<ObjectBinding, RowFilter?>? _rowFilters;
    private int _upstreamCalls;
    private int _scannedRows;

    public CancellationToken RequestAborted { get; } = requestAborted;

    public static RequestScope Of(IResolveFieldContext context) => (RequestScope)context.UserContext[UserContextKey]!;

    public ConcurrentQueue<ExecutionError> Errors { get; } = new();

    /// <summary>What the request's caller may see.</summary>
    public required CallerPermissions Permissions { get; init; }

    /// <summary>The field policies <see cref="Permissions"/> answer for; filters and sorts check the fields they use against them.</summary>
    public AccessPolicy? Policy { get; init; }

    /// <summary>The largest page the caller's roles allow beyond a page binding's own max (gateway.json <c>limits.byRole.*.maxPageSize</c>).</summary>
    public int? MaxPageSize { get; init; }

    /// <summary>The limits of the snapshot serving the request (the scan budget, filter bounds).</summary>
    public Configuration.LimitsConfig Limits { get; init; } = new();

    /// <summary>How each list the gateway filtered or sorted was planned and what it cost (the <c>explain</c> extension).</summary>
    public ConcurrentQueue<Filtering.ListExplanation> Explanations { get; } = new();

    /// <summary>Source rows the request's scans have read, against <see cref="Configuration.LimitsConfig.MaxScanRows"/>.</summary>
    public int ScannedRows => Volatile.Read(ref _scannedRows);

    public void Scanned(int rows) => Interlocked.Add(ref _scannedRows, rows);

    /// <summary>The personal data the request returned, for its audit record.</summary>
    public PersonalDataReads PersonalData { get; } = new();

    /// <summary>The item cache, or null when caching is off or the request reads fresh.</summary>
    public SourceItemCache? Cache { get; private set; } = cache;

    /// <summary>The client's <c>Idempotency-Key</c> header, if it sent one: a mutation repeated with it is answered, not sent again.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>From now on reads go to the sources: after a write the answer must show what the sources hold, not what was cached.</summary>
    public void ReadFresh() => Cache = null;

    /// <summary>A scope of its own for reads that must not be memoized for the rest of the request (what a mutation reads before writing), fresh from the sources.</summary>
    public RequestScope Detached() =>
        new(clients, RequestAborted, null, Metrics, caller, Cursors) { Permissions = Permissions };

    public GatewayMetrics? Metrics { get; } = metrics;

    /// <summary>Where this request's lookups meet those of concurrent requests; without the host's, a request shares with none.</summary>
    public SharedBatches Batches { get; } = batches ?? new SharedBatches(metrics);

    /// <summary>Seals the cursors this request hands out and opens those it is given.</summary>
    public CursorSeal Cursors { get; } = cursors ?? ProcessCursors;

    /// <summary>Upstream calls made for this request so far (each page counted; retries not).</summary>
    public int UpstreamCalls => Volatile.Read(ref _upstreamCalls);

    public void CallStarted() => Interlocked.Increment(ref _upstreamCalls);

    /// <summary>Sources answered from stale cache entries because they failed, with the oldest entry's age.</summary>
    public ConcurrentDictionary<string, TimeSpan> StaleSources { get; } = new(StringComparer.Ordinal);

    public void MarkStale(string source, TimeSpan age) =>
        StaleSources.AddOrUpdate(source, age, (_, existing) => existing > age ? existing : age);

    public FieldPlan PlanFor(FetchFieldBinding binding, IResolveFieldContext? context)
    {
        var planKey = ((object)binding, context?.FieldAst);
        lock (_gate)
        {
            if (_plans.TryGetValue(planKey, out var plan))
            {
                return plan;
            }
        }

        var created = binding.CreatePlan(context, this);
        lock (_gate)
        {
            return _plans.TryAdd(planKey, created) ? created : _plans[planKey];
        }
    }

    public BatchLoader LoaderFor(EndpointDefinition endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var signature = ParameterSignature.Of(parameters);
        lock (_gate)
        {
            if (!_loaders.TryGetValue((endpoint, signature), out var loader))
            {
                loader = new BatchLoader(endpoint, ClientFor(endpoint), parameters, this);
                _loaders[(endpoint, signature)] = loader;
            }

            return loader;
        }
    }

    public SourceClient ClientFor(EndpointDefinition endpoint) => clients[endpoint.Source.Name];

    /// <summary>
    /// The rows of <paramref name="type"/> the caller may see, or null when it may see every row. Applied
    /// to what a source or the item cache answered, never to what is cached, since cache entries are shared by all callers.
    /// </summary>
    public RowFilter? RowsFor(ObjectBinding type)
    {
        if (type.Rows is not { } policy)
        {
            return null;
        }

        lock (_gate)
        {
            _rowFilters ??= [];
            if (!_rowFilters.TryGetValue(type, out var filter))
            {
                filter = policy.For(caller);
                _rowFilters[type] = filter;
            }

            return filter;
        }
    }

    private bool _disposed;

    public void Own(IDisposable document)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _documents.Add(document);
                return;
            }
        }

        // A late answer for a request that has already ended.
        document.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var document in _documents)
            {
                document.Dispose();
            }

            _documents.Clear();
        }
    }
}
