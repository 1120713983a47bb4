namespace CrmFederation.Gateway.Writes;

/// <summary>One entry of a mutation payload's <c>errors</c>: the input field (a path such as <c>billingAddress.country</c>), its owning source, a code and a message.</summary>
public sealed record WriteError(string Field, string Source, string Code, string Message)
{
    public IReadOnlyDictionary<string, object?> ToGraphQL() => new Dictionary<string, object?>
    {
        ["field"] = Field,
        ["source"] = Source,
        ["code"] = Code,
        ["message"] = Message,
    };
}
