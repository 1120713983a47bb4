using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>The sample systems and a gateway that knows the <see cref="RowCallers"/> keys; the item cache is off.</summary>
public sealed class RowPolicySystemsFixture : SampleSystemsFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> GatewaySettings() =>
        base.GatewaySettings().Append(new(DemoApiKeys.Variable, RowCallers.Secret()));
}

[CollectionDefinition(Name)]
public sealed class RowPolicyCollection : ICollectionFixture<RowPolicySystemsFixture>
{
    public const string Name = "Row policies over the sample systems";
}
