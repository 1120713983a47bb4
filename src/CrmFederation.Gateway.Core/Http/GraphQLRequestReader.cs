using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Limits;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Turns a GET query string or a POST body into a <see cref="GraphQLRequest"/>, or throws the
/// <see cref="GraphQLHttpError"/> that says why it cannot. Bodies are deserialized straight from the
/// request stream.
/// </summary>
internal static class GraphQLRequestReader
{
    private const string JsonMediaType = "application/json";
    private const string GraphQLMediaType = "application/graphql";

    private const string Shape =
        "an object with a string 'query' (or 'documentId') and optional 'operationName' (string), 'variables' and 'extensions' (objects)";

    /// <summary>
    /// GET parameters per the spec: variables and extensions are JSON-encoded, and an empty parameter
    /// counts as absent.
    /// </summary>
    public static GraphQLRequest ReadQueryString(IQueryCollection query, IGraphQLTextSerializer serializer) => new()
    {
        Query = Parameter(query, "query"),
        DocumentId = Parameter(query, "documentId"),
        OperationName = Parameter(query, "operationName"),
        Variables = JsonObjectParameter(query, "variables", serializer),
        Extensions = JsonObjectParameter(query, "extensions", serializer),
    };

    public static async Task<GraphQLRequest> ReadBodyAsync(HttpRequest request, IGraphQLTextSerializer serializer, long limit, CancellationToken cancellationToken)
    {
        var isJson = IsReadable(request.ContentType);
        if (request.ContentLength > limit)
        {
            throw new BodyTooLargeError(limit);
        }

        // Lets Kestrel enforce the same limit on this request (its own default is 30 MB).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var body = new LengthLimitedStream(request.Body, limit);
        try
        {
            if (isJson)
            {
                return await serializer.ReadAsync<GraphQLRequest>(body, cancellationToken)
                    ?? throw new JsonInvalidError($"The request body must be {Shape}, not null.");
            }

            using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            return new GraphQLRequest { Query = await reader.ReadToEndAsync(cancellationToken) };
        }
        catch (LengthLimitedStream.LimitExceededException)
        {
            throw new BodyTooLargeError(limit);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BodyTooLargeError(limit);
        }
        catch (JsonException ex)
        {
            throw new JsonInvalidError(IsSyntaxError(ex)
                ? $"The request body is not valid JSON{Position(ex)}."
                : $"The request body must be {Shape}.");
        }
    }

    /// <summary>True for JSON, false for application/graphql (the body is the query); throws 415 otherwise.</summary>
    private static bool IsReadable(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            throw new InvalidContentTypeError(contentType is null
                ? $"A POST needs a Content-Type header: '{JsonMediaType}'."
                : $"The Content-Type header could not be parsed; send '{JsonMediaType}'.");
        }

        var isJson = parsed.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase);
        if (!isJson && !parsed.MediaType.Equals(GraphQLMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidContentTypeError($"Send the request as '{JsonMediaType}' (or the query alone as '{GraphQLMediaType}').");
        }

        if (parsed.Charset.HasValue && !Charsets.IsUtf8(parsed.Charset))
        {
            throw new InvalidContentTypeError("The request body must be UTF-8 (charset=utf-8, or no charset).");
        }

        return isJson;
    }

    private static string? Parameter(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static Inputs? JsonObjectParameter(IQueryCollection query, string name, IGraphQLTextSerializer serializer)
    {
        var json = Parameter(query, name);
        try
        {
            return json is null ? null : serializer.Deserialize<Inputs>(json);
        }
        catch (JsonException ex)
        {
            var problem = IsSyntaxError(ex) ? $" It is not valid JSON{Position(ex)}." : "";
            throw new JsonInvalidError($"The '{name}' parameter must be a JSON-encoded object.{problem}");
        }
    }

    /// <summary>
    /// Malformed JSON, as opposed to JSON of the wrong shape. System.Text.Json wraps its reader's
    /// error; a converter's own error has no such cause. Only the message depends on it.
    /// </summary>
    private static bool IsSyntaxError(JsonException ex) => ex.InnerException is JsonException;

    /// <summary>
    /// Where the reader stopped (the client's input, never our internals). Only syntax errors have a
    /// trustworthy one: GraphQL.NET's converters read nested values with a fresh reader state.
    /// </summary>
    private static string Position(JsonException ex) =>
        ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
}
