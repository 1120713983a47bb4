using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Access;

/// <summary>Whose personal data a field holds: the nearest object of <see cref="TypeName"/>, named by its <see cref="Id"/> field.</summary>
public sealed record PersonalDataSubject(string TypeName, PathFieldBinding Id);
