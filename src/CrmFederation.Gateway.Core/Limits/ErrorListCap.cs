using GraphQL.Validation;

namespace CrmFederation.Gateway.Limits;

/// <summary>
/// Keeps an answer's error list small: the first <see cref="MaxErrors"/> errors, then one saying how many
/// more there were. A document of a thousand faulty fields would otherwise be answered by a thousand
/// errors (or, pairwise, a million).
/// </summary>
public static class ErrorListCap
{
    public const int MaxErrors = 100;

    public static List<ValidationError> Cap(IEnumerable<ValidationError> errors, int total)
    {
        var kept = errors.Take(MaxErrors).ToList();
        if (total > kept.Count)
        {
            kept.Add(new TooManyErrorsError(total - kept.Count));
        }

        return kept;
    }

    /// <summary>The result itself when its errors fit, otherwise a result with the capped list.</summary>
    public static IValidationResult Cap(IValidationResult result) =>
        result.Errors.Count <= MaxErrors
            ? result
            : new ValidationResult(Cap(result.Errors.OfType<ValidationError>(), result.Errors.Count));
}
