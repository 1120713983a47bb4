using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Http;

/// <summary>The default <see cref="IRequestBodyLimit"/>: the endpoint's options, fixed at start-up.</summary>
internal sealed class OptionsRequestBodyLimit(IOptions<GraphQLHttpOptions> options) : IRequestBodyLimit
{
    private readonly long _maxBytes = options.Value.MaxRequestBodyBytes;

    public long MaxBytes(HttpContext context) => _maxBytes;
}
