using GraphQL.Transport;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The stored document a request names instead of, or along with, its text: GraphQL-over-HTTP's
/// <c>documentId</c> (<c>sha256:&lt;hex&gt;</c>), or else Apollo's <c>extensions.persistedQuery.sha256Hash</c>,
/// written as the former so that one step (the app's IConfigureExecution) resolves both.
/// </summary>
internal static class PersistedDocumentId
{
    public const string Sha256Prefix = "sha256:";

    public static string? Of(GraphQLRequest request)
    {
        if (!string.IsNullOrEmpty(request.DocumentId))
        {
            return request.DocumentId;
        }

        if (request.Extensions is null || !request.Extensions.TryGetValue("persistedQuery", out var persistedQuery))
        {
            return null;
        }

        return persistedQuery is IReadOnlyDictionary<string, object?> apollo && apollo.TryGetValue("sha256Hash", out var hash) && hash is string { Length: > 0 } hex
            ? Sha256Prefix + hex
            : throw new JsonInvalidError("'extensions.persistedQuery' must be an object with a non-empty string 'sha256Hash'.");
    }
}
