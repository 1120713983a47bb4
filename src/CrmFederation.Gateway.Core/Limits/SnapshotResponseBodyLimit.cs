using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Limits;

/// <summary>The response size limit of <c>gateway.json</c> for the caller (its roles may change it), read from the snapshot current when each request arrives.</summary>
public sealed class SnapshotResponseBodyLimit(GatewaySnapshotHolder snapshots) : IResponseBodyLimit
{
    public long? MaxBytes(HttpContext context) => CostLimits.For(snapshots.Current.Settings.Limits, context.User).MaxResponseBytes;
}
