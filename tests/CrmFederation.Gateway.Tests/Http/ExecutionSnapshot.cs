using System.Security.Claims;
using GraphQL;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>What the executor received, next to the HTTP request's own values, taken while it ran.</summary>
public sealed record ExecutionSnapshot(ExecutionOptions Options, IServiceProvider RequestServices, ClaimsPrincipal User, CancellationToken RequestAborted);
