using System.Security.Claims;

namespace CrmFederation.Gateway.Access;

/// <summary>A compiled API key: its hash, and the identity a caller presenting it gets.</summary>
public sealed record ApiKey(string Name, byte[] Sha256, IReadOnlyList<string> Roles, DateTimeOffset? Expires, IReadOnlyList<Claim> Claims);
