using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Http;
using GraphQL;
using GraphQL.DI;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Runs before anything is parsed: finds the trusted document a request names by hash, checks that a
/// query sent along with a hash is the one hashed, and refuses callers whose roles enforce trusted
/// documents anything else. GraphQL.NET's PersistedDocumentHandler applies one rule to every caller
/// and knows neither Apollo's hash nor a full query's; this is the same step, per role.
/// </summary>
public sealed class TrustedDocumentGate(GatewaySnapshotHolder snapshots) : IConfigureExecution
{
    /// <summary>Before <see cref="Execution.GatewayExecutionConfigurer"/> (100): a refused request costs no request scope.</summary>
    public float SortOrder => 50;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var access = snapshots.Current.Access;
        var requested = options.DocumentId is { } id ? Sha256Of(id) : null;
        if (options.Query is { } query)
        {
            var enforce = options.User is { } caller && access.RequiresTrustedDocuments(caller.Roles());
            if (requested is null && !enforce)
            {
                return next(options);
            }

            var hash = TrustedDocumentRegistry.HashOf(query);
            if (requested is not null && requested != hash)
            {
                return Refuse(TrustedDocumentError.HashMismatch());
            }

            return enforce && access.TrustedDocuments.Find(hash) is null ? Refuse(TrustedDocumentError.NotTrusted()) : next(options);
        }

        if (requested is null)
        {
            // Neither text nor hash: GraphQL.NET reports the missing query.
            return next(options);
        }

        if (access.TrustedDocuments.Find(requested) is not { } document)
        {
            return Refuse(TrustedDocumentError.NotFound());
        }

        options.Query = document.Document;
        return next(options);
    }

    /// <summary>The lower-case hex hash a document id names ("sha256:&lt;hex&gt;" or bare hex); "" for another kind of id, which names nothing here.</summary>
    private static string Sha256Of(string documentId)
    {
        var hash = documentId.StartsWith(PersistedDocumentId.Sha256Prefix, StringComparison.Ordinal)
            ? documentId[PersistedDocumentId.Sha256Prefix.Length..]
            : documentId;
        return hash.Contains(':', StringComparison.Ordinal) ? "" : hash.ToLowerInvariant();
    }

    private static Task<ExecutionResult> Refuse(TrustedDocumentError error) => Task.FromResult(new ExecutionResult { Errors = [error] });
}
