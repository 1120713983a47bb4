namespace CrmFederation.Gateway.BrowserPages;

/// <summary>Marks an endpoint that serves an HTML page in place of another at the same route when the browser asks for HTML.</summary>
internal sealed record HtmlPageMetadata;
