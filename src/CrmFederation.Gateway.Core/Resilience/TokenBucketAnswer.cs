namespace CrmFederation.Gateway.Resilience;

/// <summary>
/// What a shared token bucket answered: whether the permits are the caller's, how long it must wait
/// before using them (taken into debt: zero when the bucket held them), and the tokens left after.
/// </summary>
public readonly record struct TokenBucketAnswer(bool Acquired, TimeSpan Wait, double TokensLeft);
