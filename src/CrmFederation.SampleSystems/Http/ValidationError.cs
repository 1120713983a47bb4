namespace CrmFederation.SampleSystems.Http;

/// <summary>Why a PATCH body was refused: the offending field and a readable message.</summary>
internal sealed record ValidationError(string Field, string Message);
