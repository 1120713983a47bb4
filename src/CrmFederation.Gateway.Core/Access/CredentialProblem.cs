namespace CrmFederation.Gateway.Access;

/// <summary>Why presented credentials were refused; the only detail a 401 gives.</summary>
public static class CredentialProblem
{
    public const string Missing = "missing";

    public const string Invalid = "invalid";

    public const string Expired = "expired";
}
