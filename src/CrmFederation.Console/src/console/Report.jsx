/** A diagnostic as file:line:column, its message and hint (ConfigDiagnostic's shape). */
export function Diagnostic({ diagnostic, onSelect }) {
  const where = [diagnostic.file, diagnostic.line, diagnostic.column].filter((part) => part !== null && part !== undefined).join(':');
  return (
    <li>
      <button className="link" onClick={() => onSelect?.(diagnostic)} disabled={!onSelect}>
        <code>{where}</code>
      </button>{' '}
      {diagnostic.path && <code className="path">{diagnostic.path}</code>} {diagnostic.message}
      {diagnostic.hint && <div className="hint">hint: {diagnostic.hint}</div>}
    </li>
  );
}

/** What a validate, apply or rollback answered: errors, warnings, schema changes and the operations they break. */
export function Report({ report, onSelectDiagnostic }) {
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];
  const changes = report.schemaChanges ?? [];
  const broken = report.brokenOperations ?? [];
  return (
    <div className="report">
      {errors.length > 0 && (
        <div className="errors" role="alert" aria-label="Errors">
          <h3>{errors.length === 1 ? '1 error' : `${errors.length} errors`}</h3>
          <ul>{errors.map((d, i) => <Diagnostic key={i} diagnostic={d} onSelect={onSelectDiagnostic} />)}</ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="warnings" aria-label="Warnings">
          <h3>{warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}</h3>
          <ul>{warnings.map((d, i) => <Diagnostic key={i} diagnostic={d} onSelect={onSelectDiagnostic} />)}</ul>
        </div>
      )}
      <div className="schema-changes" aria-label="Schema changes">
        <h3>Schema changes</h3>
        {changes.length === 0 ? (
          <p>None: the public schema stays as it is.</p>
        ) : (
          <ul>
            {changes.map((change, i) => (
              <li key={i} className={change.severity}>
                <span className="severity">{change.severity}</span> <code>{change.path}</code> {change.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {(broken.length > 0 || report.summary) && (
        <div className="broken" aria-label="Broken operations">
          <h3>Operations it breaks</h3>
          {report.summary && <p>{report.summary}</p>}
          <ul>
            {broken.map((operation) => (
              <li key={operation.hash}>
                <code>{operation.name ?? operation.hash}</code>: {operation.count} calls, last {operation.lastSeen}
                <ul>{(operation.reasons ?? []).map((reason, i) => <li key={i}>{reason}</li>)}</ul>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** True when the report has a breaking schema change, which apply and rollback refuse unless forced with a reason. */
export const isBreaking = (report) => (report?.schemaChanges ?? []).some((change) => change.severity === 'breaking');
