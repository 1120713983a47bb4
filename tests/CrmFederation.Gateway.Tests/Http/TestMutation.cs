using GraphQL;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>Resolvers of the test schema's Mutation; GraphQL.NET resolves them from the request's services.</summary>
[GraphQLMetadata("Mutation")]
public sealed class TestMutation(TestProbe probe)
{
    public int Increment() => probe.Increment();
}
