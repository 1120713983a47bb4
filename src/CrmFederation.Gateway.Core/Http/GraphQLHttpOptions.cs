using System.ComponentModel.DataAnnotations;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// Settings of the GraphQL-over-HTTP endpoint (<see cref="GraphQLHttpEndpointRouteBuilderExtensions.MapGraphQL"/>),
/// set through <see cref="GraphQLHttpServiceCollectionExtensions.AddGraphQLHttp"/> and validated when the host starts.
/// </summary>
public sealed class GraphQLHttpOptions
{
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Largest POST body read, in bytes; a larger one is refused with 413 before it is parsed. It also
    /// caps the server's own limit for this endpoint (Kestrel's default is 30 MB). Applies unless the
    /// app registers its own <see cref="IRequestBodyLimit"/> (the gateway does: gateway.json decides).
    /// </summary>
    [Range(typeof(long), "1024", "268435456")]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Whether queries may be sent with GET. Mutations never may (405).</summary>
    public bool EnableGet { get; set; } = true;

    /// <summary>
    /// Refuses (400) requests a browser sends cross-site without a CORS preflight: every GET, and
    /// POSTs with no content type or a "simple" one (text/plain, application/x-www-form-urlencoded,
    /// multipart/form-data), unless they carry a non-empty header from <see cref="RequiredCsrfHeaders"/>.
    /// A browser only adds such a header after a preflight the CORS policy has allowed.
    /// </summary>
    public bool CsrfProtection { get; set; } = true;

    /// <summary>Any one of these, non-empty, lets a request pass <see cref="CsrfProtection"/>.</summary>
    public IList<string> RequiredCsrfHeaders { get; set; } = ["GraphQL-Require-Preflight", "X-Apollo-Operation-Name"];
}
