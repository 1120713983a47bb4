using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Schema;

namespace CrmFederation.Gateway.Filtering;

/// <summary>
/// Gives every page binding with a <c>where</c> or <c>order</c> argument the description the gateway needs to
/// read its list page by page (<see cref="PageRows"/>): what the source cannot filter or sort, the gateway does.
/// </summary>
public static class ListPlanCompiler
{
    public static void Compile(CompiledBindings bindings, List<ConfigDiagnostic> diagnostics)
    {
        foreach (var parent in bindings.Types.Values.Where(t => t.IsCompleted))
        {
            foreach (var (fieldName, page) in parent.Fields.Where(f => f.Value is PageFieldBinding).Select(f => (f.Key, (PageFieldBinding)f.Value)))
            {
                if (!page.Arguments.Any(a => a.IsWhere || a.IsOrder))
                {
                    continue;
                }

                if (PageRows.TryCreate(page, out var problem) is { } rows)
                {
                    page.Restrict(rows);
                    continue;
                }

                diagnostics.Add(new(DiagnosticSeverity.Error, "bindings/", null, $"$.types.{parent.TypeName}.fields.{fieldName}.page.arguments",
                    $"{parent.TypeName}.{fieldName} takes where or order, but the gateway cannot read its list page by page to filter or sort what the source cannot: {problem}.",
                    "Bind first and after to the source's page size and cursor parameters, and pageInfo.endCursor to the path of the source's next cursor."));
            }
        }
    }
}
