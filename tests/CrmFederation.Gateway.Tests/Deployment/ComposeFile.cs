using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>docker-compose.yml, with the questions the deployment tests ask of it.</summary>
public sealed partial class ComposeFile
{
    private ComposeFile(YamlFile file) => File = file;

    public YamlFile File { get; }

    public static ComposeFile Load() => new(YamlFile.Load("docker-compose.yml"));

    public IReadOnlyList<string> ServiceNames => YamlFile.Keys(File.Mapping("services"));

    public YamlMappingNode Service(string name) => File.Mapping("services", name);

    public YamlNode? Find(string service, params string[] path) => File.Find(["services", service, .. path]);

    /// <summary>A service's environment, written as a mapping or as a list of <c>NAME=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) => Find(service, "environment") switch
    {
        null => new Dictionary<string, string>(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(c => YamlFile.Text(c.Key), c => YamlFile.Text(c.Value), StringComparer.Ordinal),
        var list => YamlFile.Texts(list).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal),
    };

    /// <summary>The (published, container) port pairs of a service's short-syntax <c>ports</c>.</summary>
    public IReadOnlyList<(int Published, int Container)> Ports(string service) =>
        Find(service, "ports") is { } ports
            ? YamlFile.Texts(ports).Select(p => p.Split(':')).Select(p => (int.Parse(p[^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[^1], System.Globalization.CultureInfo.InvariantCulture))).ToList()
            : [];

    /// <summary>The command a service's health check runs (the <c>CMD</c> / <c>CMD-SHELL</c> marker removed).</summary>
    public IReadOnlyList<string> HealthCheck(string service)
    {
        var test = YamlFile.Texts(Assert.IsType<YamlMappingNode>(Find(service, "healthcheck"), exactMatch: false).Children[new YamlScalarNode("test")]);
        return test is ["CMD" or "CMD-SHELL", ..] ? test.Skip(1).ToList() : test;
    }

    /// <summary>The variables a compose value interpolates: <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:?message}</c>.</summary>
    public static IReadOnlyList<string> Interpolated(string value) =>
        Interpolation().Matches(value).Select(m => m.Groups["name"].Value).ToList();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}")]
    private static partial Regex Interpolation();
}
