namespace CrmFederation.Gateway.Access;

/// <summary>One operation of <c>trusted-documents.json</c>: its name, the SHA-256 (lower-case hex) of its text, and the text.</summary>
public sealed record TrustedDocument(string Name, string Sha256, string Document);
