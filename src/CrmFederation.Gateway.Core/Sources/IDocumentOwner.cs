using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// Keeps parsed upstream documents alive until the GraphQL response that reads them has been written.
/// Results point into these documents rather than copying them.
/// </summary>
public interface IDocumentOwner
{
    void Own(JsonDocument document);
}
