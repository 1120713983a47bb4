namespace CrmFederation.Gateway.Writes;

/// <summary>What values a writable field accepts (from its config), checked before anything is sent.</summary>
public sealed record ValueRules(bool Nullable, int? MinLength, int? MaxLength, bool Email, IReadOnlyList<string>? OneOf)
{
    /// <summary>Why <paramref name="text"/> is refused, or null when it is accepted. The message never quotes the value.</summary>
    public string? Problem(string path, string text)
    {
        if (MinLength is { } min && text.Length < min)
        {
            return $"'{path}' must have at least {min} characters.";
        }

        if (MaxLength is { } max && text.Length > max)
        {
            return $"'{path}' must have at most {max} characters.";
        }

        if (Email && !IsEmail(text))
        {
            return $"'{path}' must be an e-mail address.";
        }

        return OneOf is { } allowed && !allowed.Contains(text, StringComparer.Ordinal)
            ? $"'{path}' must be one of {string.Join(", ", allowed)}."
            : null;
    }

    /// <summary>One '@' with something before it, a dotted domain after it, no whitespace.</summary>
    private static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == text.LastIndexOf('@')
            && text.IndexOf('.', at) > at + 1
            && !text.EndsWith('.')
            && !text.Any(char.IsWhiteSpace);
    }
}
