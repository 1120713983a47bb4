using System.Net;
using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Calls one source's endpoints over its own HTTP pipeline (auth, later resilience), follows paging,
/// and turns every failure into a <see cref="SourceException"/> that names the source.
/// </summary>
public sealed class SourceClient(SourceDefinition source, HttpMessageInvoker http)
{
    public SourceDefinition Source { get; } = source;

    /// <summary>Fetches the items answering <paramref name="keys"/> (all pages of them).</summary>
    public async Task<List<JsonElement>> FetchItemsAsync(
        EndpointDefinition endpoint,
        IReadOnlyList<string> keys,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IDocumentOwner owner,
        CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        Uri? uri = RequestUriBuilder.Build(endpoint, keys, parameters);
        var pages = 0;
        while (uri is not null)
        {
            if (++pages > (endpoint.Paging?.MaxPages ?? 1))
            {
                throw new SourceException(Source.Name, SourceErrorCode.BadResponse,
                    $"Source '{Source.Name}' kept answering with more pages than the configured maximum ({endpoint.Paging?.MaxPages}).");
            }

            var page = await GetAsync(uri, endpoint.IsPerKey, owner, cancellationToken);
            if (page.Body is not { } body)
            {
                return items;
            }

            AddItems(endpoint, body, items);
            uri = NextPage(endpoint, body, page.Next);
        }

        return items;
    }

    /// <summary>Fetches one page of a list endpoint; the body itself is the result.</summary>
    public async Task<JsonElement> FetchPageAsync(
        EndpointDefinition endpoint,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        IDocumentOwner owner,
        CancellationToken cancellationToken)
    {
        var page = await GetAsync(RequestUriBuilder.Build(endpoint, [], parameters), notFoundIsEmpty: false, owner, cancellationToken);
        if (page.Body is not { ValueKind: JsonValueKind.Object } body)
        {
            throw BadResponse("the body is not a JSON object");
        }

        if (endpoint.Items is { } itemsPath && (!itemsPath.TryResolve(body, out var items) || items.ValueKind != JsonValueKind.Array))
        {
            throw BadResponse($"the body has no '{itemsPath}' array");
        }

        return body;
    }

    private async Task<(JsonElement? Body, string? Next)> GetAsync(Uri uri, bool notFoundIsEmpty, IDocumentOwner owner, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Source.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await http.SendAsync(request, timeout.Token);
            if (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound)
            {
                return (null, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw SourceException.FromStatus(Source.Name, (int)response.StatusCode);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var document = await JsonDocument.ParseAsync(stream, default, timeout.Token);
            owner.Own(document);
            return (document.RootElement, LinkHeader.FindNext(response.Headers));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceException(Source.Name, SourceErrorCode.Timeout,
                $"Source '{Source.Name}' did not answer within {Source.Timeout.TotalMilliseconds:0} ms.", null, ex);
        }
        catch (JsonException ex)
        {
            throw new SourceException(Source.Name, SourceErrorCode.BadResponse, $"Source '{Source.Name}' answered with malformed JSON.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceException(Source.Name, SourceErrorCode.Unavailable, $"Source '{Source.Name}' cannot be reached.", (int?)ex.StatusCode, ex);
        }
    }

    private void AddItems(EndpointDefinition endpoint, JsonElement body, List<JsonElement> items)
    {
        if (endpoint.Items is not { } itemsPath)
        {
            items.Add(body);
            return;
        }

        if (!itemsPath.TryResolve(body, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw BadResponse($"the body has no '{itemsPath}' array");
        }

        foreach (var item in array.EnumerateArray())
        {
            items.Add(item);
        }
    }

    private Uri? NextPage(EndpointDefinition endpoint, JsonElement body, string? linkHeaderNext)
    {
        if (endpoint.Paging is not { } paging)
        {
            return null;
        }

        string? next;
        if (paging.UsesLinkHeader)
        {
            next = linkHeaderNext;
        }
        else
        {
            next = paging.NextUrlPath!.TryResolve(body, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }

        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        // The next page's URL comes from the source; credentials are only ever sent back to the source's own origin.
        if (!Uri.TryCreate(next, UriKind.Absolute, out var uri) || !Source.IsSameOrigin(uri))
        {
            throw BadResponse("its next-page link points outside the source");
        }

        return uri;
    }

    private SourceException BadResponse(string what) =>
        new(Source.Name, SourceErrorCode.BadResponse, $"Source '{Source.Name}' answered unexpectedly: {what}.");
}
