using CrmFederation.Gateway.Tests.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>A YAML file of the repository (compose file, collector config), read as YamlDotNet's node tree.</summary>
public sealed class YamlFile
{
    private YamlFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static YamlFile Load(string relativePath)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, relativePath));
        try
        {
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            // docker compose (go-yaml) refuses such a file the same way, before it reads anything.
            throw new Xunit.Sdk.XunitException($"{relativePath} is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}");
        }

        return new YamlFile((YamlMappingNode)Assert.Single(yaml.Documents).RootNode);
    }

    /// <summary>The mapping at <paramref name="path"/> (keys from the root), failing the test when it is missing.</summary>
    public YamlMappingNode Mapping(params string[] path) => Assert.IsType<YamlMappingNode>(Node(path));

    public YamlNode Node(params string[] path)
    {
        YamlNode node = Root;
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(node);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var child), $"'{string.Join('.', path)}' is missing ('{key}' not found)");
            node = child;
        }

        return node;
    }

    public YamlNode? Find(params string[] path)
    {
        YamlNode node = Root;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static IReadOnlyList<string> Keys(YamlMappingNode mapping) => mapping.Children.Keys.Select(Text).ToList();

    public static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? "";

    /// <summary>A list of scalars, or one scalar as a list of one.</summary>
    public static IReadOnlyList<string> Texts(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(Text).ToList(),
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => throw new Xunit.Sdk.XunitException($"expected a scalar or a list at line {node.Start.Line}"),
    };
}
