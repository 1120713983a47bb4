using CrmFederation.Gateway.Sources;
using GraphQL;

namespace CrmFederation.Gateway.Execution;

/// <summary>A connection answered by one page of a list endpoint; the page's body is the connection's item.</summary>
public sealed class PageFieldBinding : FieldBinding
{
    public required EndpointDefinition Endpoint { get; init; }

    public required ObjectBinding Result { get; init; }

    public IReadOnlyList<ArgumentBinding> Arguments { get; init; } = [];

    public override object? Resolve(Entity parent, IResolveFieldContext context)
    {
        var scope = RequestScope.Of(context);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var argument in Arguments)
        {
            if (argument.Parameter is { } name && argument.SourceValues(context) is { } values)
            {
                parameters.Add(new(name, string.Join(',', values)));
            }
        }

        var client = scope.ClientFor(Endpoint);
        return new DeferredResult(async cancellationToken =>
        {
            try
            {
                var body = await client.FetchPageAsync(Endpoint, parameters, scope, cancellationToken);
                return new Entity(body, Result, parent);
            }
            catch (SourceException failure)
            {
                throw new SourceFieldError(failure);
            }
        });
    }
}
