namespace CrmFederation.Gateway.Configuration.Reload;

/// <summary>The last reload, for the status endpoint: when, why (<c>file</c>, <c>reload</c>, <c>apply</c>, …), and its result.</summary>
public sealed record ConfigReloadRecord(DateTimeOffset At, string Trigger, ConfigReloadResult Result);
