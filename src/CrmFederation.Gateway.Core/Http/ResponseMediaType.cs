namespace CrmFederation.Gateway.Http;

/// <summary>A media type the endpoint answers with; responses are always UTF-8 JSON.</summary>
internal sealed record ResponseMediaType
{
    /// <summary>
    /// The spec's own type. Under it a response without data (unparseable or invalid document) is a
    /// 4xx, so HTTP tooling can tell failures apart without reading the body.
    /// </summary>
    public static ResponseMediaType GraphQLResponseJson { get; } = new("application/graphql-response+json", invalidDocumentStatus: 400);

    /// <summary>For legacy clients, which expect 200 for every well-formed request and read errors from the body.</summary>
    public static ResponseMediaType Json { get; } = new("application/json", invalidDocumentStatus: 200);

    /// <summary>
    /// In the server's order of preference where the client's Accept header does not decide: application/json
    /// first, as the GraphQL-over-HTTP spec asks for a request with no Accept header (legacy clients), and
    /// likewise for <c>*/*</c>, which a client sends when it names no type at all.
    /// </summary>
    public static IReadOnlyList<ResponseMediaType> All { get; } = [Json, GraphQLResponseJson];

    private ResponseMediaType(string mediaType, int invalidDocumentStatus)
    {
        MediaType = mediaType;
        ContentType = mediaType + "; charset=utf-8";
        InvalidDocumentStatus = invalidDocumentStatus;
    }

    public string MediaType { get; }

    /// <summary>The <c>Content-Type</c> header value, with the charset the spec asks servers to state.</summary>
    public string ContentType { get; }

    /// <summary>Status for a result that was not executed (parse, validation, operation or variable errors).</summary>
    public int InvalidDocumentStatus { get; }
}
