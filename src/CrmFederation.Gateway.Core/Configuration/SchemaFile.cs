namespace CrmFederation.Gateway.Configuration;

/// <summary>One GraphQL SDL file of the public schema (<c>schema/*.graphql</c>).</summary>
public sealed record SchemaFile(string RelativePath, string Text);
