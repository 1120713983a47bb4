using System.Runtime.CompilerServices;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// Points every gateway this test process starts at a state directory of its own (Gateway:StateDirectory, read
/// from the environment like any setting), so tests never write the config history or the remembered operations
/// into the user's home. Tests that look at the state set their own directory on top.
/// </summary>
internal static class TestStateDirectory
{
    [ModuleInitializer]
    internal static void UseTemporaryStateDirectory() =>
        Environment.SetEnvironmentVariable("Gateway__StateDirectory", Path.Combine(Path.GetTempPath(), $"crmfed-test-state-{Environment.ProcessId}"));
}
