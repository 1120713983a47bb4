namespace CrmFederation.Gateway.Administration;

/// <summary>One file that differs between two config versions: <c>added</c>, <c>modified</c> or <c>removed</c>.</summary>
public sealed record ConfigFileChange(string Path, string Change);
