namespace CrmFederation.SampleSystems.Tests.TestSupport;

/// <summary>
/// One set of systems for every read-only contract test. Tests in the collection run one at a
/// time, so a test that changes the knobs resets them itself; nothing here PATCHes data.
/// </summary>
public sealed class SharedSystemsFixture : IAsyncLifetime
{
    public TestSystems Systems { get; private set; } = null!;

    public async Task InitializeAsync() => Systems = await TestSystems.StartAsync();

    public async Task DisposeAsync() => await Systems.DisposeAsync();
}
