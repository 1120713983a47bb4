using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Http;

/// <summary>The default <see cref="IResponseBodyLimit"/>: responses of any size, streamed to the client as they are written.</summary>
internal sealed class NoResponseBodyLimit : IResponseBodyLimit
{
    public long? MaxBytes(HttpContext context) => null;
}
