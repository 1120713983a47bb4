using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>The helpdesk's API token, sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
internal static class HelpdeskAuth
{
    public static bool IsAuthorized(HttpRequest request) =>
        AuthorizationHeader.TryGetCredentials(request, "Bearer", out var token) && token.SequenceEqual(SampleCredentials.HelpdeskToken);
}
