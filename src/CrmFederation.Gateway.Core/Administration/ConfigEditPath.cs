using CrmFederation.Gateway.Configuration;

namespace CrmFederation.Gateway.Administration;

/// <summary>
/// Which paths the admin API accepts: only the files the gateway reads, named as gateway-config names them
/// (<c>gateway.json</c>, <c>sources/crm.json</c>, <c>schema/extra.graphql</c>). Anything else (a parent
/// reference, an absolute path, a hidden file, another folder or extension) is refused before any file is touched.
/// </summary>
public static class ConfigEditPath
{
    /// <summary>Why <paramref name="path"/> is refused, or null when it names a config file.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "A file has no path.";
        }

        if (path.Length > 200 || path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/')))
        {
            return $"'{Shown(path)}' is not a config file path: use letters, digits, '.', '-', '_' and '/' (at most 200 characters).";
        }

        if (path.StartsWith('/') || path.Split('/').Any(segment => segment.Length == 0 || segment.StartsWith('.')))
        {
            return $"'{path}' is not a config file path: it must be relative to gateway-config, without '..', '.' or hidden names.";
        }

        return ConfigFileSet.IsConfigPath(path)
            ? null
            : $"'{path}' is not a file the gateway reads: send gateway.json, access.json, trusted-documents.json, policies.json, schema/*.graphql, sources/*.json or bindings/*.json.";
    }

    /// <summary>A refused path as the error shows it: bounded, and only printable characters.</summary>
    private static string Shown(string path) =>
        new([.. path.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
