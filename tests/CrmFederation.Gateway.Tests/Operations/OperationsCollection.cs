using CrmFederation.Gateway.Tests.Telemetry;

namespace CrmFederation.Gateway.Tests.Operations;

/// <summary>Sample systems shared by the operations tests; each test starts its own gateway, so breakers and statistics are its own.</summary>
[CollectionDefinition(Name)]
public sealed class OperationsCollection : ICollectionFixture<ObservedSystemsFixture>
{
    public const string Name = "Operations endpoints over the sample systems";
}
