using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Refuses an operation nested deeper, or selecting more fields, than <c>gateway.json</c> allows, or nesting
/// fragments past <see cref="MaxNesting"/>, or a document spreading fragments more than <see cref="MaxFragmentSpreads"/>
/// times, or one whose same-named fields conflict (<see cref="FieldMergeCheck"/>), before GraphQL.NET's
/// validation rules see the document; only an operation within the limits is handed to them. Once they have
/// passed it, with its argument values parsed, its cost is estimated (<see cref="CostEstimator"/>) and an
/// operation over the caller's cost limits is refused before anything runs; the estimate is left in the
/// user context for the response and the metrics.
/// A validation rule would come too late: the rules all run in one pass over the document whatever another
/// rule reports, and several of them follow fragment spreads recursively or compare every pair of spreads or
/// of same-named fields, so a document of a few thousand fragments overflows the stack (ending the process)
/// or costs minutes. The size is that of the executed tree (<see cref="OperationMeasure"/>), introspection
/// fields counted like any other. The limits travel with the schema they were compiled with: a request is
/// checked against the limits of the very snapshot that serves it, and a validated-document cache keyed by
/// schema cannot mix two configs (cached documents are estimated again: the cost depends on the variables). The
/// checks that depend on the document and schema alone run once per document (<see cref="SchemaLimits.Passed"/>).
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

    private static readonly IValidationRule[] CoreRulesWithoutMergeRule = [.. DocumentValidator.CoreRules.Where(rule => rule is not OverlappingFieldsCanBeMerged)];

    private readonly DocumentValidator _graphQLRules = new();

    public static void Attach(ISchema schema, LimitsConfig limits, ObjectBinding root) =>
        schema.Metadata[MetadataKey] = new SchemaLimits(limits, root, FieldMergeCheck.IsComplete(schema));

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        var limits = options.Schema.GetMetadata<SchemaLimits>(MetadataKey)
            ?? throw new InvalidOperationException("The schema carries no limits; schemas are built by GatewayConfigCompiler, which attaches them.");

        if (!limits.Passed(options.Document))
        {
            var refusal = SizeRefusal(options.Document, options.Operation, limits.Limits) ?? SpreadRefusal(FragmentSpreadCount.Of(options.Document));
            if (refusal is not null)
            {
                return Task.FromResult<IValidationResult>(new ValidationResult(new ComplexityError(refusal)));
            }

            var conflicts = new FieldMergeCheck(options.Document, options.Schema).Conflicts();
            if (conflicts.Count > 0)
            {
                return Task.FromResult<IValidationResult>(new ValidationResult(conflicts));
            }

            limits.MarkPassed(options.Document);
        }

        return ValidateThenEstimateAsync(limits.MergeCheckIsComplete ? options with { Rules = WithoutMergeRule(options.Rules) } : options, limits);
    }

    private async Task<IValidationResult> ValidateThenEstimateAsync(ValidationOptions options, SchemaLimits limits)
    {
        var result = await _graphQLRules.ValidateAsync(options);
        if (!result.IsValid)
        {
            return ErrorListCap.Cap(result);
        }

        var callerLimits = CostLimits.For(limits.Limits, options.User);
        var estimate = CostEstimator.Estimate(options.Document, options.Operation, RootOf(options), limits.Root, result.ArgumentValues, callerLimits.MaxPageSize);
        if (CostRefusal(estimate, callerLimits) is { } message)
        {
            return new ValidationResult(new CostLimitExceededError(message, estimate, callerLimits));
        }

        options.UserContext[CostEstimate.UserContextKey] = (estimate, callerLimits);
        return result;
    }

    private static IEnumerable<IValidationRule> WithoutMergeRule(IEnumerable<IValidationRule>? rules) =>
        rules is null ? CoreRulesWithoutMergeRule : rules.Where(rule => rule is not OverlappingFieldsCanBeMerged);

    private static IComplexGraphType RootOf(in ValidationOptions options) => options.Operation.Operation switch
    {
        OperationType.Query => options.Schema.Query,
        OperationType.Mutation => options.Schema.Mutation!,
        _ => options.Schema.Subscription!,
    };

    private static string? CostRefusal(CostEstimate estimate, CostLimits limits)
    {
        if (estimate.UpstreamCalls > limits.MaxUpstreamCalls)
        {
            return $"The query would cost about {estimate.UpstreamCalls} upstream calls; this endpoint allows at most {limits.MaxUpstreamCalls} per request. Ask for fewer rows or fewer fetched fields, or split the query.";
        }

        return estimate.ResultItems > limits.MaxResultItems
            ? $"The query would return about {estimate.ResultItems} values; this endpoint allows at most {limits.MaxResultItems} per request. Ask for fewer rows or fields, or page through them."
            : null;
    }

    /// <summary>The operation to execute first, then every other: GraphQL.NET's rules and the merge check visit them all.</summary>
    private static string? SizeRefusal(GraphQLDocument document, GraphQLOperationDefinition executed, LimitsConfig limits) =>
        document.Definitions.OfType<GraphQLOperationDefinition>()
            .Prepend(executed)
            .Select(operation => Refusal(OperationMeasure.Measure(document, operation), limits))
            .FirstOrDefault(message => message is not null);

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
