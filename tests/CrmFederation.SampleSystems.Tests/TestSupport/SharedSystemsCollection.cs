namespace CrmFederation.SampleSystems.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class SharedSystemsCollection : ICollectionFixture<SharedSystemsFixture>
{
    public const string Name = "Shared sample systems";
}
