using Microsoft.AspNetCore.Authentication;

namespace CrmFederation.Gateway.Access;

/// <summary>
/// Why a request is not authenticated; the only detail a 401 gives. Every scheme fails with one of these
/// as its failure message, never with what was presented or why a check tripped.
/// </summary>
public static class CredentialProblem
{
    public const string Missing = "missing";

    public const string Invalid = "invalid";

    public const string Expired = "expired";

    /// <summary>The reason for <paramref name="result"/>: missing without a failure, expired when the scheme said so, otherwise invalid.</summary>
    public static string Of(AuthenticateResult? result) => result?.Failure switch
    {
        null => Missing,
        { Message: Expired } => Expired,
        _ => Invalid,
    };

    public static string Message(string reason) => reason switch
    {
        Missing => "Authentication required: no credentials were sent.",
        Expired => "Authentication failed: the credentials have expired.",
        _ => "Authentication failed: the credentials are not valid.",
    };
}
