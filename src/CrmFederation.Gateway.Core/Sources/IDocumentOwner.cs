namespace CrmFederation.Gateway.Sources;

/// <summary>
/// The request upstream calls are made for: it keeps their parsed documents alive until the GraphQL
/// response that reads them has been written (results point into them rather than copying them), and
/// counts the calls, which the cost model's estimate is measured against.
/// </summary>
public interface IDocumentOwner
{
    /// <summary>Keeps <paramref name="document"/> (a parsed answer, or a hold on answers shared with other requests) until the response is written.</summary>
    void Own(IDisposable document);

    /// <summary>One upstream call (one page) is being made for this request; retries of it are not counted again.</summary>
    void CallStarted();
}
