using System.Collections.Concurrent;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;

namespace CrmFederation.Gateway.Execution;

/// <summary>
/// The process's meeting point for lookups of concurrent requests: one <see cref="SharedBatchQueue"/>
/// per <see cref="SharedBatchKey"/>, there only while it has calls queued or in flight.
/// </summary>
public sealed class SharedBatches(GatewayMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<SharedBatchKey, SharedBatchQueue> _queues = new();

    internal GatewayMetrics? Metrics { get; } = metrics;

    /// <summary>
    /// Puts <paramref name="keys"/> of <paramref name="requester"/> on their way: into calls in flight or
    /// queued that carry them already, else into the next call, sent at once unless it has to wait.
    /// </summary>
    public SharedLookup Join(
        SourceClient client,
        EndpointDefinition endpoint,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string parameterSignature,
        IReadOnlyList<string> keys,
        IDocumentOwner requester)
    {
        var key = new SharedBatchKey(endpoint, endpoint.Source.CredentialScope, parameterSignature);
        while (true)
        {
            var queue = _queues.GetOrAdd(key, static (key, state) => new SharedBatchQueue(key, state.Client, state.Parameters, state.Batches),
                (Client: client, Parameters: parameters, Batches: this));
            if (queue.TryJoin(keys, requester) is { } lookup)
            {
                return lookup;
            }

            // The queue went idle and left between the look-up and the join; the next look-up makes a new one.
        }
    }

    internal void Remove(SharedBatchQueue queue) => _queues.TryRemove(new KeyValuePair<SharedBatchKey, SharedBatchQueue>(queue.Key, queue));
}
