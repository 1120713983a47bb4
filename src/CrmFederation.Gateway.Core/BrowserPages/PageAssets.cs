using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace CrmFederation.Gateway.BrowserPages;

/// <summary>
/// The built IDE and console (src/CrmFederation.Console/dist), embedded in this assembly so that the
/// gateway serves them from any working directory, offline and with no files to deploy beside it.
/// Read once, on first use.
/// </summary>
internal sealed class PageAssets
{
    private const string ResourcePrefix = "ui/";
    private readonly FrozenDictionary<string, PageAsset> _assets;

    public PageAssets()
    {
        var assembly = typeof(PageAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        _assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, types))
            .ToFrozenDictionary(asset => asset.Path, StringComparer.Ordinal);
    }

    /// <summary>The asset at <paramref name="path"/> (relative to dist, e.g. <c>assets/ide-1a2b.js</c>), or null.</summary>
    public PageAsset? Find(string path) => _assets.GetValueOrDefault(path);

    /// <summary>An HTML page of the build (<c>ide.html</c>); missing only when the build was not embedded, which is a packaging bug.</summary>
    public PageAsset Page(string fileName) =>
        Find(fileName) ?? throw new InvalidOperationException($"The browser page '{fileName}' is not embedded; build src/CrmFederation.Console (see its README).");

    private static PageAsset Load(Assembly assembly, string name, FileExtensionContentTypeProvider types)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        var path = name[ResourcePrefix.Length..].Replace('\\', '/');
        var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType == "application/json")
        {
            contentType += "; charset=utf-8";
        }

        return new PageAsset(path, content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
    }
}
