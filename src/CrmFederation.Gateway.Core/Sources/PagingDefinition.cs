namespace CrmFederation.Gateway.Sources;

/// <summary>How to find the next page of a batch answer: a body path holding its URL, or the Link header.</summary>
public sealed record PagingDefinition(JsonPath? NextUrlPath, bool UsesLinkHeader, int MaxPages);
