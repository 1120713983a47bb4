using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Schema.Scalars;
using GraphQL.Types;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// Builds the executable GraphQL.NET schema from the public SDL: every field of every object type
/// gets the one <see cref="EntityFieldResolver"/>, which reads the field's compiled binding.
/// </summary>
public static class GatewaySchemaFactory
{
    public static ISchema Create(SchemaModel model, IServiceProvider services)
    {
        var schema = GraphQL.Types.Schema.For(model.Sdl, builder =>
        {
            builder.ServiceProvider = services;
            foreach (var (typeName, shape) in model.Objects)
            {
                var type = builder.Types.For(typeName);
                foreach (var fieldName in shape.Fields.Keys)
                {
                    type.FieldFor(fieldName).Resolver = new EntityFieldResolver(fieldName);
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
