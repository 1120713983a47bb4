using System.Text.RegularExpressions;
using CrmFederation.Gateway.Execution;
using GraphQL;
using GraphQL.Validation;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Fits a response's errors to what its caller may see: source failures without how the call went
/// (HTTP status, attempts, circuit), and validation errors without "Did you mean" suggestions, which
/// would map out the schema for a caller that may not introspect it.
/// </summary>
public static partial class CallerErrors
{
    public static void Redact(ExecutionResult result, CallerPermissions caller)
    {
        if (result.Errors is not { Count: > 0 } errors || (caller.SeesErrorDetails && caller.MayIntrospect))
        {
            return;
        }

        var redacted = new ExecutionErrors();
        foreach (var error in errors)
        {
            redacted.Add(error switch
            {
                SourceFieldError source when !caller.SeesErrorDetails => source.WithoutInternals(),
                ValidationError validation when !caller.MayIntrospect && Suggestion().IsMatch(validation.Message) => WithoutSuggestion(validation),
                _ => error,
            });
        }

        result.Errors = redacted;
    }

    private static ValidationError WithoutSuggestion(ValidationError error)
    {
        var copy = new ValidationError(Suggestion().Replace(error.Message, "")) { Code = error.Code, Number = error.Number, Path = error.Path };
        foreach (var location in error.Locations ?? [])
        {
            copy.AddLocation(location);
        }

        return copy;
    }

    // GraphQL.NET ends a message with its suggestions, with or without a question mark.
    [GeneratedRegex(@"\s*Did you mean .*$", RegexOptions.Singleline)]
    private static partial Regex Suggestion();
}
