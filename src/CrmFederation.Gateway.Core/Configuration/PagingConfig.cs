namespace CrmFederation.Gateway.Configuration;

/// <summary>How a batch endpoint spreads one answer over several pages, all of which the gateway follows.</summary>
public sealed record PagingConfig
{
    /// <summary>The next page's absolute URL is a property of the body (helpdesk <c>next_page</c>).</summary>
    public const string NextUrlInBody = "next-url-in-body";

    /// <summary>The next page's absolute URL is in a <c>Link: &lt;…&gt;; rel="next"</c> header (commerce).</summary>
    public const string LinkHeader = "link-header";

    public static readonly IReadOnlyList<string> Styles = [NextUrlInBody, LinkHeader];

    public string Style { get; init; } = "";

    /// <summary>For <see cref="NextUrlInBody"/>: the dotted path of the next page's URL.</summary>
    public string? NextUrl { get; init; }

    /// <summary>Upper bound on pages followed for one batch, so a looping upstream cannot keep a request forever.</summary>
    public int MaxPages { get; init; } = 50;

    /// <summary>Items one page holds (the fixed per_page or limit): with the endpoint's itemsPerKey, the pages the cost model expects a batch to walk.</summary>
    public int? PageSize { get; init; }
}
