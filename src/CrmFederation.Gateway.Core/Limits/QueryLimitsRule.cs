using CrmFederation.Gateway.Configuration;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Refuses an operation nested deeper, or selecting more fields, than <c>gateway.json</c> allows.
/// GraphQL.NET's complexity analyzer does the counting, with every field weighing 1 so that its total
/// is the number of fields selected (aliases and each use of a fragment included); only its own
/// introspection fields keep their weights, <c>__schema.types</c> and <c>directives</c> counting their
/// selections once per type or directive. The limits travel with the schema they were compiled with:
/// a request is checked against the limits of the very snapshot that serves it, and a
/// validated-document cache keyed by schema cannot mix two configs.
/// </summary>
public sealed class QueryLimitsRule() : ComplexityValidationRule(new ComplexityOptions { DefaultComplexityImpactDelegate = CountOnce })
{
    private const string MetadataKey = "crmfed:limits";

    public static void Attach(ISchema schema, LimitsConfig limits) => schema.Metadata[MetadataKey] = limits;

    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        var limits = context.Schema.GetMetadata<LimitsConfig>(MetadataKey)
            ?? throw new InvalidOperationException("The schema carries no limits; schemas are built by GatewayConfigCompiler, which attaches them.");
        if (maxDepth > limits.MaxQueryDepth)
        {
            context.ReportError(new ComplexityError(
                $"The query is nested {maxDepth} levels deep; this endpoint allows at most {limits.MaxQueryDepth}."));
        }
        else if (totalComplexity > limits.MaxFieldCount)
        {
            context.ReportError(new ComplexityError(
                $"The query counts {totalComplexity} fields; this endpoint allows at most {limits.MaxFieldCount}."));
        }

        return default;
    }

    private static FieldComplexityResult CountOnce(FieldImpactContext context) => new(1, 1);
}
