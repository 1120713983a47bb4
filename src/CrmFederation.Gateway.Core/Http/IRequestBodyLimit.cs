using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The largest POST body the endpoint reads, asked afresh for every request. By default it is
/// <see cref="GraphQLHttpOptions.MaxRequestBodyBytes"/>; an app whose limit can change while it runs
/// registers its own.
/// </summary>
public interface IRequestBodyLimit
{
    long MaxBytes(HttpContext context);
}
