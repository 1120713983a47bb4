using GraphQL.Types;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// The tiny schema the HTTP tests run against, so that they test the transport and not the gateway.
/// Shared by every test host: resolvers reach per-host state through the request's services.
/// </summary>
public static class TestSchema
{
    public const string Sdl = """
        type Query {
          hello(name: String): String!
          boom: String
          whoami: String
          tag: String
          slow: String
        }

        type Mutation {
          increment: Int!
        }
        """;

    private static readonly Lazy<ISchema> Schema = new(() =>
    {
        var schema = GraphQL.Types.Schema.For(Sdl, builder =>
        {
            builder.Types.Include<TestQuery>();
            builder.Types.Include<TestMutation>();
        });
        schema.Initialize();
        return schema;
    });

    public static ISchema Instance => Schema.Value;
}
