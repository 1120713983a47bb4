using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// What lookups of concurrent requests must have in common to share upstream calls: everything that
/// can change what a source answers for a key. The endpoint (of one config snapshot: its path, fixed
/// query and headers), the identity the gateway calls the source as, and the parameters sent with the
/// keys (arguments, row-policy conditions pushed to the source). Whatever else comes to change an
/// answer per request, such as a caller's own credentials, must be added here.
/// </summary>
public sealed record SharedBatchKey(EndpointDefinition Endpoint, string CredentialScope, string Parameters);
