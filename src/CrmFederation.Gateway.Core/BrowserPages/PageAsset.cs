namespace CrmFederation.Gateway.BrowserPages;

/// <summary>One built file of the browser pages, held in memory: its bytes, media type and a strong ETag of its content.</summary>
internal sealed record PageAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
