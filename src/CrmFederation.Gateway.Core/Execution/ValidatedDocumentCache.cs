using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// Caches parsed documents that passed validation, per schema, so a repeated query skips parsing and
/// the (input-independent) validation rules. GraphQL.NET's own GraphQL.MemoryCache package is not in
/// the package source; this is the same idea over Microsoft.Extensions.Caching.Memory. Rules that
/// depend on the request (GET may not run mutations) still run through CachedDocumentValidationRules.
/// </summary>
public sealed class ValidatedDocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });

    /// <summary>Inside <see cref="GatewayExecutionConfigurer"/>, which sets the schema the key depends on.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query || options.Schema is not { } schema)
        {
            return await next(options);
        }

        var key = (schema, query);
        if (_documents.TryGetValue(key, out GraphQLDocument? cached))
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? Array.Empty<IValidationRule>();
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && result.Document is { } document)
        {
            _documents.Set(key, document, new MemoryCacheEntryOptions { Size = query.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }

        return result;
    }

    public void Dispose() => _documents.Dispose();
}
