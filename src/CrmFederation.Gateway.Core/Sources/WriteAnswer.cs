using System.Text.Json;

namespace CrmFederation.Gateway.Sources;

/// <summary>A source's answer to a write: its status, and a refusal's JSON body (null otherwise), which the caller disposes.</summary>
public sealed class WriteAnswer(int status, JsonDocument? body) : IDisposable
{
    public int Status { get; } = status;

    public JsonDocument? Body { get; } = body;

    public bool Applied => Status is >= 200 and < 300;

    public void Dispose() => Body?.Dispose();
}
