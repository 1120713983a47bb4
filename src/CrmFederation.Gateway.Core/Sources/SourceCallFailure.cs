namespace CrmFederation.Gateway.Sources;

/// <summary>One failed source call as the failure log reports it: names and figures only, never a value, key, URL or body.</summary>
public sealed record SourceCallFailure(string Source, string Endpoint, string Code, int? HttpStatus, TimeSpan Duration, int Attempts);
