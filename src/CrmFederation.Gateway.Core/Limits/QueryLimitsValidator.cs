using CrmFederation.Gateway.Configuration;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Errors.Custom;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Refuses an operation nested deeper, or selecting more fields, than <c>gateway.json</c> allows, or nesting
/// fragments past <see cref="MaxNesting"/>, or a document spreading fragments more than <see cref="MaxFragmentSpreads"/> times, before GraphQL.NET's validation rules see the document; only an
/// operation within the limits is handed to them.
/// A validation rule would come too late: the rules all run in one pass over the document whatever another
/// rule reports, and several of them follow fragment spreads recursively or compare every pair of spreads,
/// so a document of a few thousand fragments overflows the stack (ending the process) or costs minutes.
/// The size is that of the executed tree (<see cref="OperationMeasure"/>), introspection fields counted like
/// any other. The limits travel with the schema they were compiled with: a request is checked against the
/// limits of the very snapshot that serves it, and a validated-document cache keyed by schema cannot mix two
/// configs.
/// </summary>
public sealed class QueryLimitsValidator : IDocumentValidator
{
    /// <summary>
    /// Selection sets nested in one another, those of fragments included. GraphQL.NET's parser bounds the
    /// nesting within one definition (128 syntax nodes, about 60 levels of fields) but not across fragment
    /// spreads, and its validation recurses once per level: several hundred levels of fragments overflow the
    /// stack. 128 is twice what one definition can nest and seven times what the standard introspection
    /// query nests (18).
    /// </summary>
    public const int MaxNesting = 128;

    /// <summary>
    /// Fragment spreads written in one document (<see cref="FragmentSpreadCount"/>). GraphQL.NET's cost grows
    /// with their square: 100 spreads cost 0.1 s, 1,000 three seconds. The introspection query writes 8.
    /// </summary>
    public const int MaxFragmentSpreads = 128;

    private const string MetadataKey = "crmfed:limits";

    private readonly DocumentValidator _graphQLRules = new();

    public static void Attach(ISchema schema, LimitsConfig limits) => schema.Metadata[MetadataKey] = limits;

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var limits = options.Schema.GetMetadata<LimitsConfig>(MetadataKey)
            ?? throw new InvalidOperationException("The schema carries no limits; schemas are built by GatewayConfigCompiler, which attaches them.");
        var refusal = Refusal(OperationMeasure.Measure(options.Document, options.Operation), limits)
            ?? SpreadRefusal(FragmentSpreadCount.Of(options.Document));
        return refusal is null
            ? _graphQLRules.ValidateAsync(options)
            : Task.FromResult<IValidationResult>(new ValidationResult(new ComplexityError(refusal)));
    }

    private static string? SpreadRefusal(int spreads) =>
        spreads > MaxFragmentSpreads
            ? $"The document spreads fragments {spreads} times; this endpoint allows at most {MaxFragmentSpreads}."
            : null;

    private static string? Refusal(OperationSize size, LimitsConfig limits)
    {
        if (size.Depth > limits.MaxQueryDepth)
        {
            return $"The query is nested {size.Depth} levels deep; this endpoint allows at most {limits.MaxQueryDepth}.";
        }

        if (size.FieldCount > limits.MaxFieldCount)
        {
            var count = size.FieldCountSaturated ? $"at least {size.FieldCount}" : $"{size.FieldCount}";
            return $"The query counts {count} fields; this endpoint allows at most {limits.MaxFieldCount}.";
        }

        if (size.Nesting > MaxNesting)
        {
            return $"The query nests {size.Nesting} selection sets, those of fragments included; this endpoint allows at most {MaxNesting}.";
        }

        return null;
    }
}
