namespace CrmFederation.Gateway.Limits;

/// <summary>
/// The size of the tree an operation executes, every fragment spread replaced by the fragment's selections.
/// </summary>
/// <param name="Depth">Levels of fields: the root field is level 1, each nested field one more; fragments add none.</param>
/// <param name="FieldCount">Field selections, aliases and each use of a fragment included; <see cref="long.MaxValue"/> means at least that many.</param>
/// <param name="Nesting">Selection sets nested in one another, counting those of fragments and inline fragments as well as those of fields.</param>
public readonly record struct OperationSize(int Depth, long FieldCount, int Nesting)
{
    public bool FieldCountSaturated => FieldCount == long.MaxValue;
}
