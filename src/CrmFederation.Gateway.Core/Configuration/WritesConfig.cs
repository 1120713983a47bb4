namespace CrmFederation.Gateway.Configuration;

/// <summary>Gateway-wide settings of mutations (<c>gateway.json</c> <c>writes</c>).</summary>
public sealed record WritesConfig
{
    /// <summary>How long the outcome of a mutation sent with an <c>Idempotency-Key</c> header is kept and replayed.</summary>
    public int IdempotencyKeyTtlSeconds { get; init; } = 86_400;
}
