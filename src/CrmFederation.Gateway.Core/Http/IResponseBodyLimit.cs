using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The largest response body the endpoint writes, asked afresh for every request; null writes any size
/// straight to the client (the default). With a limit the body is written to a buffer first, so that a
/// response over it is replaced by one small error instead of being cut off mid-way.
/// </summary>
public interface IResponseBodyLimit
{
    long? MaxBytes(HttpContext context);
}
