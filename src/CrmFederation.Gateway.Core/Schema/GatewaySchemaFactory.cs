using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Schema.Scalars;
using CrmFederation.Gateway.Writes;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// Builds the executable GraphQL.NET schema from the public SDL: every field of every object type
/// gets the one <see cref="EntityFieldResolver"/>, which reads the field's compiled binding (a mutation its
/// <see cref="MutationResolver"/>, a field of a payload a <see cref="PayloadFieldResolver"/>); a field with
/// a policy or personal data gets it inside a <see cref="PolicyFieldResolver"/>.
/// </summary>
public static class GatewaySchemaFactory
{
    public static ISchema Create(SchemaModel model, AccessPolicy policy, IServiceProvider services, IReadOnlyDictionary<string, CompiledMutation>? mutations = null)
    {
        var writeOnly = model.WriteOnlyTypes();
        var schema = GraphQL.Types.Schema.For(model.Sdl, builder =>
        {
            builder.ServiceProvider = services;
            foreach (var (typeName, shape) in model.Objects)
            {
                var type = builder.Types.For(typeName);
                foreach (var fieldName in shape.Fields.Keys)
                {
                    IFieldResolver resolver = typeName == "Mutation" && mutations?.GetValueOrDefault(fieldName) is { } mutation
                        ? new MutationResolver(mutation)
                        : writeOnly.Contains(typeName) ? new PayloadFieldResolver(fieldName) : new EntityFieldResolver(fieldName);
                    type.FieldFor(fieldName).Resolver = policy.Fields.TryGetValue($"{typeName}.{fieldName}", out var fieldPolicy)
                        ? new PolicyFieldResolver(fieldPolicy, policy.Subject, resolver)
                        : resolver;
                }
            }
        });
        schema.RegisterType(new SourceStringScalar());
        schema.RegisterType(new SourceIdScalar());
        schema.RegisterType(new DecimalScalar());
        schema.RegisterType(new DateTimeScalar());
        schema.RegisterType(new DateScalar());
        schema.Initialize();
        return schema;
    }
}
