using System.Net;
using CrmFederation.Gateway.Tests.TestSupport;
using YamlDotNet.RepresentationModel;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>
/// deploy/k8s, read with YamlDotNet (no cluster here): the resources are there and wired to each other,
/// to the image and to gateway-config the way the gateway expects, as <see cref="ComposeFileTests"/>
/// checks the compose file.
/// </summary>
public sealed class KubernetesManifestsTests
{
    private const string ConfigMap = "crmfed-gateway-config";
    private const string Secret = "crmfed-secrets";

    private static readonly Dockerfile.Stage Image = Dockerfile.Load("src/CrmFederation.Gateway/Dockerfile").FinalStage;

    private readonly Lazy<KubernetesManifests> _manifests = new(KubernetesManifests.Load);

    private KubernetesManifests K8s => _manifests.Value;

    private YamlMappingNode Gateway => K8s.GatewayContainer;

    private IReadOnlyDictionary<string, YamlMappingNode> GatewayEnv => KubernetesManifests.Env(Gateway);

    [Fact]
    public void Resources_Kustomization_GatewayWithServiceAutoscalerBudgetAndRedis()
    {
        var resources = K8s.Resources.Select(r => $"{YamlFile.Text(r.Node("kind"))}/{YamlFile.Text(r.Node("metadata", "name"))}").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Deployment/crmfed-gateway", "Deployment/crmfed-redis", "HorizontalPodAutoscaler/crmfed-gateway",
                "NetworkPolicy/crmfed-redis", "PodDisruptionBudget/crmfed-gateway", "Service/crmfed-gateway", "Service/crmfed-redis",
            ],
            resources);
    }

    /// <summary>Every file of gateway-config is in the generated ConfigMap and laid out at its own path in the gateway's volume.</summary>
    [Fact]
    public void ConfigMap_Generated_HoldsEveryGatewayConfigFileAtItsPath()
    {
        var repository = Directory.GetFiles(RepositoryPaths.GatewayConfig, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepositoryPaths.GatewayConfig, file).Replace('\\', '/'))
            .Where(file => file != "README.md")
            .Order(StringComparer.Ordinal);
        var generated = K8s.GeneratedConfigMapFiles(ConfigMap);
        var volume = ConfigVolume();
        var items = Assert.IsType<YamlSequenceNode>(volume.Children[new YamlScalarNode("items")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(item => KubernetesManifests.Text(item, "key"), item => KubernetesManifests.Text(item, "path"), StringComparer.Ordinal);

        Assert.Equal(repository, generated.Select(g => g.File["gateway-config/".Length..]).Order(StringComparer.Ordinal));
        Assert.All(generated, g => Assert.StartsWith("gateway-config/", g.File, StringComparison.Ordinal));
        Assert.All(generated, g => Assert.Equal(g.File["gateway-config/".Length..], items.GetValueOrDefault(g.Key)));
        Assert.Equal(generated.Count, items.Count);
    }

    /// <summary>The ConfigMap is mounted where the gateway reads its config: the image's Gateway__ConfigPath, unless the Deployment sets another.</summary>
    [Fact]
    public void ConfigMap_Mount_AtTheGatewaysConfigPathReadOnly()
    {
        var configPath = GatewayEnv.TryGetValue("Gateway__ConfigPath", out var set)
            ? KubernetesManifests.Text(set, "value")
            : Assert.Single(Image.Env, e => e.StartsWith("Gateway__ConfigPath=", StringComparison.Ordinal)).Split('=', 2)[1];
        var mount = Mount("gateway-config");

        Assert.Equal(configPath, KubernetesManifests.Text(mount, "mountPath"));
        Assert.Equal("true", KubernetesManifests.Text(mount, "readOnly"));
        Assert.Equal(ConfigMap, KubernetesManifests.Text(ConfigVolume(), "name"));
    }

    /// <summary>Every variable gateway-config references (its sources', and access.json's without a default), and the cache's key and Redis connection.</summary>
    [Fact]
    public void Gateway_Environment_ProvidesEveryVariableGatewayConfigNeeds()
    {
        var needed = GatewayConfigReferences.Variables().Select(r => r.Variable)
            .Concat(GatewayConfigReferences.AccessVariables().Where(r => r.Default is null).Select(r => r.Variable))
            .Concat(["Gateway__Cache__EncryptionKey", "Gateway__Cache__RedisConnectionString"])
            .Distinct(StringComparer.Ordinal);

        var missing = needed.Where(variable => !GatewayEnv.ContainsKey(variable)).ToList();

        Assert.Contains("CRMFED_API_KEYS", needed);
        Assert.Contains("CRMFED_JWT_SIGNING_KEY", needed);
        Assert.True(missing.Count == 0, "not set for the gateway: " + string.Join(", ", missing));
    }

    /// <summary>Every credential comes from the one Secret, under its gateway-config name (the cache key under the name compose gives it), never written in the manifest.</summary>
    [Fact]
    public void Gateway_Credentials_FromTheSecretUnderTheirOwnNames()
    {
        var credentials = GatewayConfigReferences.Variables().Where(r => r.Property != "baseUrl").Select(r => (Env: r.Variable, Key: r.Variable))
            .Concat(GatewayConfigReferences.AccessVariables().Where(r => r.Default is null).Select(r => (Env: r.Variable, Key: r.Variable)))
            .Append((Env: "Gateway__Cache__EncryptionKey", Key: "CRMFED_CACHE_KEY"))
            .Append((Env: "REDIS_PASSWORD", Key: "REDIS_PASSWORD"))
            .ToList();

        Assert.All(credentials, credential =>
        {
            var entry = GatewayEnv[credential.Env];
            Assert.False(entry.Children.ContainsKey(new YamlScalarNode("value")), $"{credential.Env} is written in the manifest");
            Assert.Equal(Secret, KubernetesManifests.Text(entry, "valueFrom", "secretKeyRef", "name"));
            Assert.Equal(credential.Key, KubernetesManifests.Text(entry, "valueFrom", "secretKeyRef", "key"));
        });
    }

    /// <summary>The gateway reaches Redis through its Service, with the password Redis is started with (Kubernetes expands $(REDIS_PASSWORD)).</summary>
    [Fact]
    public void Redis_ConnectionAndCommand_ServicePortNoPersistenceAndTheGatewaysPassword()
    {
        var connection = KubernetesManifests.Text(GatewayEnv["Gateway__Cache__RedisConnectionString"], "value");
        var redis = KubernetesManifests.Container(K8s.Resource("Deployment", "crmfed-redis"), "redis");
        var args = YamlFile.Texts(redis.Children[new YamlScalarNode("args")]);
        var service = K8s.Resource("Service", "crmfed-redis");
        var servicePort = Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(service.Node("spec", "ports")).Children));

        Assert.Equal("crmfed-redis:" + KubernetesManifests.Text(servicePort, "port") + ",password=$(REDIS_PASSWORD)", connection);
        var order = Assert.IsType<YamlSequenceNode>(Gateway["env"]).Children.Select(entry => KubernetesManifests.Text((YamlMappingNode)entry, "name")).ToList();
        Assert.True(order.IndexOf("REDIS_PASSWORD") < order.IndexOf("Gateway__Cache__RedisConnectionString"), "Kubernetes expands only variables defined earlier");
        Assert.Equal(ContainerPort(redis, KubernetesManifests.Text(servicePort, "targetPort")), int.Parse(KubernetesManifests.Text(servicePort, "port"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", After(args, "--save"));
        Assert.Equal("no", After(args, "--appendonly"));
        Assert.Equal("$(REDIS_PASSWORD)", After(args, "--requirepass"));
        Assert.Equal(Secret, KubernetesManifests.Text(KubernetesManifests.Env(redis)["REDIS_PASSWORD"], "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("Memory", KubernetesManifests.Text(Volume(K8s.Resource("Deployment", "crmfed-redis"), "data"), "emptyDir", "medium"));
    }

    [Fact]
    public void Gateway_Ports_ServiceTargetsThePortTheImageListensOn()
    {
        var service = K8s.Resource("Service", "crmfed-gateway");
        var port = Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(service.Node("spec", "ports")).Children));

        Assert.Contains("ASPNETCORE_URLS=http://+:8080", Image.Env);
        Assert.Equal(8080, ContainerPort(Gateway, KubernetesManifests.Text(port, "targetPort")));
        Assert.Equal(PodLabels(), Labels(service.Mapping("spec", "selector")));
    }

    [Theory]
    [InlineData("readinessProbe", "/health/ready")]
    [InlineData("livenessProbe", "/health/live")]
    [InlineData("startupProbe", "/health/live")]
    public void Gateway_Probes_HealthEndpointsOnTheHttpPort(string probe, string path)
    {
        var get = Assert.IsType<YamlMappingNode>(Assert.IsType<YamlMappingNode>(Gateway.Children[new YamlScalarNode(probe)]).Children[new YamlScalarNode("httpGet")]);

        Assert.Equal(path, KubernetesManifests.Text(get, "path"));
        Assert.Equal(8080, ContainerPort(Gateway, KubernetesManifests.Text(get, "port")));
    }

    /// <summary>The probes' paths answer 200 without credentials on a gateway over the repository's gateway-config.</summary>
    [Fact]
    public async Task Gateway_ProbePaths_AnswerOnTheGateway()
    {
        await using var gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig);
        using var http = DemoCallers.Unauthenticated(gateway.CreateClient());
        var paths = new[] { "readinessProbe", "livenessProbe", "startupProbe" }
            .Select(probe => KubernetesManifests.Text(Gateway, probe, "httpGet", "path"))
            .Distinct(StringComparer.Ordinal);

        foreach (var path in paths)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// Readiness fails within the drain (probe period × failure threshold), and the grace period covers
    /// the drain and the time requests in flight get, so Kubernetes never kills a gateway still finishing them.
    /// </summary>
    [Fact]
    public void Gateway_Shutdown_GracePeriodCoversDrainAndInFlightTimeoutReadinessFailsWithinTheDrain()
    {
        var drain = Seconds("Gateway__Shutdown__DrainSeconds");
        var timeout = Seconds("Gateway__Shutdown__TimeoutSeconds");
        var readiness = Assert.IsType<YamlMappingNode>(Gateway.Children[new YamlScalarNode("readinessProbe")]);
        var noticed = Number(readiness, "periodSeconds") * Number(readiness, "failureThreshold");

        Assert.True(drain > 0, "without a drain a pod stops listening before load balancers stop sending to it");
        Assert.True(noticed <= drain, $"readiness fails after up to {noticed} s, the drain lasts {drain} s");
        Assert.True(Number(K8s.GatewayPod, "terminationGracePeriodSeconds") > drain + timeout, "the grace period does not cover drain and in-flight timeout");
    }

    /// <summary>Non-root (the image's user too), read-only root filesystem with a memory /tmp, no privilege escalation, every capability dropped, requests and limits.</summary>
    [Theory]
    [InlineData("crmfed-gateway", "gateway")]
    [InlineData("crmfed-redis", "redis")]
    public void Workloads_SecurityAndResources_NonRootReadOnlyBounded(string deployment, string container)
    {
        var workload = K8s.Resource("Deployment", deployment);
        var pod = workload.Mapping("spec", "template", "spec");
        var spec = KubernetesManifests.Container(workload, container);

        Assert.Equal("true", KubernetesManifests.Text(pod, "securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", KubernetesManifests.Text(pod, "securityContext", "runAsUser"));
        Assert.Equal("true", KubernetesManifests.Text(spec, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", KubernetesManifests.Text(spec, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], YamlFile.Texts(spec["securityContext"]["capabilities"]["drop"]));
        Assert.NotEmpty(KubernetesManifests.Text(spec, "resources", "requests", "memory"));
        Assert.NotEmpty(KubernetesManifests.Text(spec, "resources", "limits", "memory"));
        Assert.NotEmpty(KubernetesManifests.Text(spec, "resources", "requests", "cpu"));
    }

    [Fact]
    public void Gateway_Image_NonRootUserWritesOnlyTmp()
    {
        var user = Image.All("USER").Last();

        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
        Assert.Equal("/tmp", KubernetesManifests.Text(Mount("tmp"), "mountPath"));
        Assert.Equal("Memory", KubernetesManifests.Text(Volume(K8s.GatewayDeployment, "tmp"), "emptyDir", "medium"));
    }

    /// <summary>The autoscaler scales the gateway from at least two pods, and the budget lets one go at a time, so a drain never leaves none.</summary>
    [Fact]
    public void Gateway_AutoscalerAndBudget_ScaleTheGatewayKeepOneServing()
    {
        var hpa = K8s.Resource("HorizontalPodAutoscaler", "crmfed-gateway");
        var pdb = K8s.Resource("PodDisruptionBudget", "crmfed-gateway");

        Assert.Equal("Deployment", KubernetesManifests.Text(hpa.Root, "spec", "scaleTargetRef", "kind"));
        Assert.Equal("crmfed-gateway", KubernetesManifests.Text(hpa.Root, "spec", "scaleTargetRef", "name"));
        Assert.True(Number(hpa.Root, "spec", "minReplicas") >= 2);
        Assert.True(Number(hpa.Root, "spec", "maxReplicas") > Number(hpa.Root, "spec", "minReplicas"));
        Assert.Equal(1, Number(pdb.Root, "spec", "maxUnavailable"));
        Assert.Equal(PodLabels(), Labels(pdb.Mapping("spec", "selector", "matchLabels")));
        Assert.Null(K8s.GatewayDeployment.Find("spec", "replicas"));
    }

    [Fact]
    public void Redis_NetworkPolicy_OnlyTheGatewayReachesIt()
    {
        var policy = K8s.Resource("NetworkPolicy", "crmfed-redis");
        var from = Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(
            Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(policy.Node("spec", "ingress")).Children)).Children[new YamlScalarNode("from")]).Children));

        Assert.Equal(PodLabels(), Labels(Assert.IsType<YamlMappingNode>(from["podSelector"]["matchLabels"])));
        Assert.Equal("crmfed-redis", KubernetesManifests.Text(policy.Root, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"));
    }

    private YamlMappingNode ConfigVolume() => Assert.IsType<YamlMappingNode>(Volume(K8s.GatewayDeployment, "gateway-config")["configMap"]);

    private static YamlMappingNode Volume(YamlFile workload, string name) => Assert.Single(
        Assert.IsType<YamlSequenceNode>(workload.Node("spec", "template", "spec", "volumes")).Children.Cast<YamlMappingNode>(),
        volume => KubernetesManifests.Text(volume, "name") == name);

    private YamlMappingNode Mount(string volume) => Assert.Single(
        Assert.IsType<YamlSequenceNode>(Gateway.Children[new YamlScalarNode("volumeMounts")]).Children.Cast<YamlMappingNode>(),
        mount => KubernetesManifests.Text(mount, "name") == volume);

    private Dictionary<string, string> PodLabels() => Labels(K8s.GatewayDeployment.Mapping("spec", "template", "metadata", "labels"))
        .Where(label => label.Key == "app.kubernetes.io/name").ToDictionary(StringComparer.Ordinal);

    private static Dictionary<string, string> Labels(YamlMappingNode labels) =>
        labels.Children.ToDictionary(label => YamlFile.Text(label.Key), label => YamlFile.Text(label.Value), StringComparer.Ordinal);

    /// <summary>The number of a named (or numbered) container port.</summary>
    private static int ContainerPort(YamlMappingNode container, string port)
    {
        var ports = Assert.IsType<YamlSequenceNode>(container.Children[new YamlScalarNode("ports")]).Children.Cast<YamlMappingNode>();
        var number = int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Assert.Single(ports, p => Number(p, "containerPort") == n)
            : Assert.Single(ports, p => KubernetesManifests.Text(p, "name") == port);
        return Number(number, "containerPort");
    }

    private int Seconds(string variable) => int.Parse(KubernetesManifests.Text(GatewayEnv[variable], "value"), System.Globalization.CultureInfo.InvariantCulture);

    private static int Number(YamlMappingNode mapping, params string[] path) =>
        int.Parse(KubernetesManifests.Text(mapping, path), System.Globalization.CultureInfo.InvariantCulture);

    private static string After(IReadOnlyList<string> args, string flag)
    {
        var index = args.ToList().IndexOf(flag);
        Assert.True(index >= 0 && index + 1 < args.Count, $"'{flag}' with a value is missing from: {string.Join(' ', args)}");
        return args[index + 1];
    }
}
