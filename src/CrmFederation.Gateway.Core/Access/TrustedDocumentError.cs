using GraphQL;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// A request refused because of the document it names, before anything was parsed. Nothing ran, so the
/// status follows the negotiated media type, as for any document that cannot run.
/// </summary>
public sealed class TrustedDocumentError : ExecutionError
{
    private TrustedDocumentError(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Apollo's code, which its clients act on: the hash names no trusted document.</summary>
    public static TrustedDocumentError NotFound() => new("PERSISTED_QUERY_NOT_FOUND",
        "No trusted document has the hash this request names. Send a hash listed in trusted-documents.json, or (where your role allows any document) the document itself as 'query'.");

    public static TrustedDocumentError NotTrusted() => new("OPERATION_NOT_TRUSTED",
        "This client runs trusted documents only, and this document is not one of them. Send a listed operation, by its hash ('documentId' or extensions.persistedQuery) or its exact text.");

    public static TrustedDocumentError HashMismatch() => new("PERSISTED_QUERY_HASH_MISMATCH",
        "The hash this request names is not the SHA-256 of its query.");
}
