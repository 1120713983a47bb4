using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// A connection answered by one page of a list endpoint; the page's body is the connection's item.
/// When the listed type's row policy restricts the caller, <see cref="FilteredPage"/> answers instead.
/// </summary>
public sealed class PageFieldBinding : FieldBinding
{
    public required EndpointDefinition Endpoint { get; init; }

    public required ObjectBinding Result { get; init; }

    public IReadOnlyList<ArgumentBinding> Arguments { get; init; } = [];

    /// <summary>
    /// How the gateway reads the list page by page to filter or sort it itself: set when a row policy restricts
    /// the listed type or the page takes where or order, else null. Set once after the bindings are compiled,
    /// because it reads the connection's compiled fields.
    /// </summary>
    public PageRows? Rows { get; private set; }

    public override object? Resolve(Entity parent, IResolveFieldContext context)
    {
        var scope = RequestScope.Of(context);
        if (Rows is { } planned && (planned.IsLargerThanASourcePage(context) || Arguments.Any(a => (a.IsWhere || a.IsOrder) && a.Value(context) is not null)))
        {
            return Filtering.GatewayPage.Resolve(this, planned, context, scope);
        }

        if (Rows is { } rows && scope.RowsFor(rows.Nodes) is { } filter)
        {
            return FilteredPage.Resolve(this, rows, filter, context, scope);
        }

        return Fetch(SourceParameters(context), scope);
    }

    /// <summary>The connection's list of rows: its list field bound to the path of the endpoint's items.</summary>
    public NestedObjectFieldBinding? NodesField() =>
        Endpoint.Items is { } items
            ? Result.Fields.Values.OfType<NestedObjectFieldBinding>().FirstOrDefault(n => n.IsList && n.Path.Text == items.Text)
            : null;

    public void Restrict(PageRows rows)
    {
        if (Rows is not null)
        {
            throw new InvalidOperationException($"The row scan of {Endpoint.DisplayName} is already set.");
        }

        Rows = rows;
    }

    /// <summary>The request's arguments as query parameters, but for those in <paramref name="except"/>.</summary>
    internal List<KeyValuePair<string, string>> SourceParameters(IResolveFieldContext context, params ArgumentBinding[] except)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var argument in Arguments)
        {
            if (argument.Parameter is { } name && Array.IndexOf(except, argument) < 0 && argument.SourceValues(context) is { } values)
            {
                parameters.Add(new(name, string.Join(',', values)));
            }
        }

        return parameters;
    }

    /// <summary>One page, as the source answers it.</summary>
    internal DeferredResult Fetch(List<KeyValuePair<string, string>> parameters, RequestScope scope)
    {
        var client = scope.ClientFor(Endpoint);
        return new DeferredResult(async cancellationToken =>
        {
            try
            {
                var body = await client.FetchPageAsync(Endpoint, parameters, scope, cancellationToken);
                return new Entity(body, Result);
            }
            catch (SourceException failure)
            {
                throw new SourceFieldError(failure);
            }
        });
    }
}
