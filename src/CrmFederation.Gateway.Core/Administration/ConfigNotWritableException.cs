namespace CrmFederation.Gateway.Administration;

/// <summary>The gateway-config directory cannot take a change; its message says why and what to do, without a stack trace.</summary>
public sealed class ConfigNotWritableException(string message) : Exception(message);
