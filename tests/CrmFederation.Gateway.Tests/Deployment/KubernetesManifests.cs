using YamlDotNet.RepresentationModel;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>deploy/k8s: the kustomization and the manifests it lists, with the questions the deployment tests ask of them.</summary>
public sealed class KubernetesManifests
{
    public const string Directory = "deploy/k8s";

    private KubernetesManifests(YamlFile kustomization, IReadOnlyList<YamlFile> resources)
    {
        Kustomization = kustomization;
        Resources = resources;
    }

    public YamlFile Kustomization { get; }

    public IReadOnlyList<YamlFile> Resources { get; }

    public YamlFile GatewayDeployment => Resource("Deployment", "crmfed-gateway");

    public YamlMappingNode GatewayPod => GatewayDeployment.Mapping("spec", "template", "spec");

    public YamlMappingNode GatewayContainer => Container(GatewayDeployment, "gateway");

    public static KubernetesManifests Load()
    {
        var kustomization = YamlFile.Load(Directory + "/kustomization.yaml");
        var resources = YamlFile.Texts(kustomization.Node("resources")).Select(file => YamlFile.Load(Directory + "/" + file)).ToList();
        return new KubernetesManifests(kustomization, resources);
    }

    public YamlFile Resource(string kind, string name) => Assert.Single(
        Resources,
        resource => YamlFile.Text(resource.Node("kind")) == kind && YamlFile.Text(resource.Node("metadata", "name")) == name);

    public static YamlMappingNode Container(YamlFile workload, string name) => Assert.Single(
        Assert.IsType<YamlSequenceNode>(workload.Node("spec", "template", "spec", "containers")).Children.Cast<YamlMappingNode>(),
        container => Text(container, "name") == name);

    /// <summary>A container's <c>env</c> entries by name: each a <c>value</c> or a <c>valueFrom</c>.</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> Env(YamlMappingNode container) =>
        Assert.IsType<YamlSequenceNode>(container.Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(entry => Text(entry, "name"), entry => entry, StringComparer.Ordinal);

    /// <summary>The (key, file) pairs of a configMapGenerator, the files relative to the repository root.</summary>
    public IReadOnlyList<(string Key, string File)> GeneratedConfigMapFiles(string name)
    {
        var generator = Assert.Single(
            Assert.IsType<YamlSequenceNode>(Kustomization.Node("configMapGenerator")).Children.Cast<YamlMappingNode>(),
            g => Text(g, "name") == name);
        return YamlFile.Texts(generator.Children[new YamlScalarNode("files")])
            .Select(entry => entry.Split('=', 2))
            .Select(pair => (pair[0], Path.GetRelativePath(RepositoryRoot, Path.GetFullPath(Path.Combine(RepositoryRoot, Directory, pair[1]))).Replace('\\', '/')))
            .ToList();
    }

    public static string Text(YamlMappingNode mapping, params string[] path)
    {
        YamlNode node = mapping;
        foreach (var key in path)
        {
            Assert.True(Assert.IsType<YamlMappingNode>(node).Children.TryGetValue(new YamlScalarNode(key), out var child), $"'{string.Join('.', path)}' is missing");
            node = child;
        }

        return YamlFile.Text(node);
    }

    private static string RepositoryRoot => TestSupport.RepositoryPaths.Root;
}
