using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Caching;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;
using GraphQL;
using GraphQL.Resolvers;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Writes;

/// <summary>
/// The resolver of a Mutation field: runs its writes (at most once per <c>Idempotency-Key</c>), then reads
/// the object again from the sources, not the cache, so that the payload shows what they hold now.
/// </summary>
public sealed class MutationResolver(CompiledMutation mutation) : IFieldResolver
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context)
    {
        var scope = RequestScope.Of(context);
        var services = context.RequestServices!;
        var key = context.GetArgument<object>(mutation.KeyArgument)?.ToString() ?? "";
        var input = context.GetArgument<object>(mutation.InputArgument) as IDictionary<string, object?> ?? new Dictionary<string, object?>();
        var execution = new WriteExecution(mutation, scope, context.User, services.GetRequiredService<ItemCacheAccessor>().Cache, services.GetRequiredService<WriteAudit>());
        var outcome = await services.GetRequiredService<IdempotentWrites>().RunAsync(
            scope.IdempotencyKey, context, IdempotentWrites.Fingerprint(mutation.Name, key, input), cancellationToken => execution.RunAsync(key, input, cancellationToken));

        scope.ReadFresh();
        return new Dictionary<string, object?>
        {
            [mutation.PayloadObjectField] = await ReadAsync(key, scope, context),
            [mutation.PayloadErrorsField] = outcome.Errors.Select(e => e.ToGraphQL()).ToList(),
        };
    }

    private async Task<Entity?> ReadAsync(string key, RequestScope scope, IResolveFieldContext context)
    {
        var read = mutation.Read;
        if (read.SendableKey(key) is not { } sendable)
        {
            return null;
        }

        try
        {
            var items = await scope.PlanFor(read, null).Loader.Load(sendable).GetResultAsync();
            return items.Count == 0 || (scope.RowsFor(read.Result) is { } rows && !rows.Allows(items[0])) ? null : new Entity(items[0], read.Result);
        }
        catch (SourceException failure)
        {
            scope.Errors.Enqueue(new SourceFieldError(failure) { ValueReplaced = true }.At(context));
            return null;
        }
    }
}
