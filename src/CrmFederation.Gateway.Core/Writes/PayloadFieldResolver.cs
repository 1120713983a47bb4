using GraphQL;
using GraphQL.Resolvers;

namespace CrmFederation.Gateway.Writes;

/// <summary>The fields of mutation payloads and their errors, read from the dictionaries <see cref="MutationResolver"/> builds.</summary>
public sealed class PayloadFieldResolver(string fieldName) : IFieldResolver
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context) =>
        new(((IReadOnlyDictionary<string, object?>)context.Source!).GetValueOrDefault(fieldName));
}
