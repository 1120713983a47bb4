using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Limits;

/// <summary>The body limit of <c>gateway.json</c>, read from the snapshot current when each request arrives.</summary>
public sealed class SnapshotRequestBodyLimit(GatewaySnapshotHolder snapshots) : IRequestBodyLimit
{
    public long MaxBytes(HttpContext context) => snapshots.Current.Settings.Limits.MaxRequestBodyBytes;
}
