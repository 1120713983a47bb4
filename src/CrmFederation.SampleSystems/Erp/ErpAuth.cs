using System.Text;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>HTTP Basic with the sample user; the expected header value is computed once and compared as is.</summary>
internal static class ErpAuth
{
    private static readonly string Expected = Convert.ToBase64String(
        Encoding.UTF8.GetBytes($"{SampleCredentials.ErpUser}:{SampleCredentials.ErpPassword}"));

    public static bool IsAuthorized(HttpRequest request) =>
        AuthorizationHeader.TryGetCredentials(request, "Basic", out var credentials) && credentials.SequenceEqual(Expected);
}
