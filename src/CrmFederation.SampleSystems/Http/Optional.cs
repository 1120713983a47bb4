namespace CrmFederation.SampleSystems.Http;

/// <summary>A PATCH field that may be absent, which is not the same as present and null.</summary>
internal readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> Unset => default;

    public T Or(T current) => IsSet ? Value : current;
}
