using System.Text.Json;

namespace CrmFederation.Gateway.Execution;

/// <summary>What a <see cref="SharedCall"/> got: the items per key it carried, or the failure that ended it, and the documents the items point into.</summary>
public sealed record SharedAnswer(Dictionary<string, List<JsonElement>>? Items, Exception? Failure, SharedDocuments Documents);
