namespace CrmFederation.Gateway.Writes;

/// <summary>The <c>code</c> of a mutation payload's errors (besides the source failure codes of <see cref="Sources.SourceErrorCode"/>).</summary>
public static class WriteErrorCode
{
    /// <summary>The caller lacks the field's write scope; nothing was sent.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The value breaks the field's rules (length, e-mail, allowed values); nothing was sent.</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>The object, or the item holding the field (a prospect's ERP account), does not exist; nothing was sent.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The owning source refused this field's value; its other fields in the same write were not applied either.</summary>
    public const string Rejected = "REJECTED";

    /// <summary>Not applied because the source refused the write it was part of (another field's value) or nothing was sent.</summary>
    public const string NotApplied = "NOT_APPLIED";

    /// <summary>The write was sent, and no answer says whether the source applied it (a timeout, a 5xx, a dropped connection).</summary>
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";
}
