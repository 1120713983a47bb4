using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// The gateway binary started with <c>--demo</c> in its own process, as a user runs it (demo mode starts
/// the sample systems, whose hosts an in-process test host would mistake for the gateway's), the sample
/// systems on free ports.
/// </summary>
public static class DemoGatewayProcess
{
    public static Task<GatewayProcess> StartAsync() => GatewayProcess.StartAsync(
        [
            "--Gateway:ConfigPath=" + RepositoryPaths.GatewayConfig,
            "--Gateway:Cache:Enabled=false",
            "--Demo:CrmPort=0", "--Demo:ErpPort=0", "--Demo:HelpdeskPort=0", "--Demo:CommercePort=0",
            "--demo",
        ],
        [new("Logging__LogLevel__Default", "Warning")]);
}
