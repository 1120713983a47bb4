namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>Systems of their own for a test class that PATCHes data, so the shared systems keep the generated data.</summary>
public sealed class MutableSystemsFixture : IAsyncLifetime
{
    public TestSystems Systems { get; private set; } = null!;

    public async Task InitializeAsync() => Systems = await TestSystems.StartAsync(o => o.CustomerCount = 300);

    public async Task DisposeAsync() => await Systems.DisposeAsync();
}
