namespace CrmFederation.Gateway.Administration;

/// <summary>Body of <c>POST /admin/config/validate</c>: files that replace the live config's of the same path.</summary>
public sealed record ConfigValidateRequest(IReadOnlyList<ConfigFileEdit> Files);

/// <summary>Body of <c>POST /admin/config/apply</c>; the expected version may come as <c>If-Match</c> instead.</summary>
public sealed record ConfigApplyRequest(IReadOnlyList<ConfigFileEdit> Files, string? ExpectedVersion = null, bool Force = false, string? Reason = null);

/// <summary>Body of <c>POST /admin/config/rollback</c>: back to the files of an earlier version in the history.</summary>
public sealed record ConfigRollbackRequest(string Version, string? ExpectedVersion = null, bool Force = false, string? Reason = null);
