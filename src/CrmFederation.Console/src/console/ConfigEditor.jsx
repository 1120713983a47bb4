import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, describe } from './api.js';
import { useAdminGet } from './useAdminApi.js';
import { changedHunks, lineDiff } from './lineDiff.js';
import { isBreaking, Report } from './Report.jsx';
import { ForceReason, forceReady } from './ForceReason.jsx';

const validateDelayMs = 500;

/**
 * Edit gateway-config files: every edit is validated against the live config after a short pause
 * (POST /admin/config/validate), the line diff and the breaking-change report show before apply, and
 * apply sends the version the edit started from, so a concurrent change is refused rather than lost.
 */
export function ConfigEditor({ credential }) {
  const { data: config, error: loadError, reload } = useAdminGet(credential, '/admin/config');
  const [path, setPath] = useState(null);
  const [edits, setEdits] = useState({});
  const [validation, setValidation] = useState(null);
  const [validating, setValidating] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');
  const editor = useRef(null);

  const live = useMemo(() => Object.fromEntries((config?.files ?? []).map((f) => [f.path, f.content])), [config]);
  const selected = path ?? config?.files?.[0]?.path ?? null;
  const changed = useMemo(
    () => Object.entries(edits).filter(([p, content]) => live[p] !== content).map(([p, content]) => ({ path: p, content })),
    [edits, live],
  );

  useEffect(() => {
    if (changed.length === 0) {
      setValidation(null);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      setValidating(true);
      api(credential, 'POST', '/admin/config/validate', { files: changed }).then(
        (result) => current && setValidation(result),
        (error) => current && setValidation({ valid: false, failure: describe(error) }),
      ).finally(() => current && setValidating(false));
    }, validateDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [changed, credential]);

  const jumpTo = (diagnostic) => {
    if (diagnostic.file && diagnostic.file !== selected && live[diagnostic.file] !== undefined) {
      setPath(diagnostic.file);
    }
    const area = editor.current;
    if (!area || !diagnostic.line) {
      return;
    }
    const lines = area.value.split('\n');
    const start = lines.slice(0, diagnostic.line - 1).reduce((sum, line) => sum + line.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[diagnostic.line - 1]?.length ?? 0));
  };

  const apply = async () => {
    setOutcome(null);
    try {
      const result = await api(credential, 'POST', '/admin/config/apply', {
        expectedVersion: config.version,
        files: changed,
        force,
        reason: force ? reason.trim() : null,
      });
      setOutcome({ kind: 'applied', message: `Applied version ${result.version} (was ${result.previousVersion}).`, report: result });
      setEdits({});
      setForce(false);
      setReason('');
      reload();
    } catch (error) {
      setOutcome(refusal(error));
    }
  };

  if (loadError && !config) {
    return <p className="error" role="alert">{loadError}</p>;
  }
  if (!config) {
    return <p>Loading the live config…</p>;
  }

  const content = edits[selected] ?? live[selected] ?? '';
  const breaking = isBreaking(validation);
  const canApply = changed.length > 0 && validation?.valid === true && !validating && (!breaking || forceReady(force, reason));
  return (
    <section className="config">
      <h2>Edit config</h2>
      <p className="hint">Live version <code>{config.version}</code>. Changes are validated as you type; nothing changes until you apply.</p>
      <div className="split">
        <ul className="file-list" aria-label="Config files">
          {config.files.map((f) => (
            <li key={f.path}>
              <button aria-current={f.path === selected} onClick={() => setPath(f.path)}>
                {f.path}{edits[f.path] !== undefined && edits[f.path] !== f.content ? ' •' : ''}
              </button>
            </li>
          ))}
        </ul>
        <div className="editor">
          <textarea
            ref={editor}
            aria-label={`Content of ${selected}`}
            spellCheck={false}
            value={content}
            onChange={(e) => setEdits({ ...edits, [selected]: e.target.value })}
          />
        </div>
      </div>
      <div className="validation" aria-live="polite" data-state={validating ? 'validating' : validation ? (validation.valid ? 'valid' : 'invalid') : 'unchanged'}>
        {changed.length === 0 && <p>No changes.</p>}
        {changed.length > 0 && validating && <p>Validating…</p>}
        {changed.length > 0 && !validating && validation?.failure && <p className="error" role="alert">{validation.failure}</p>}
        {changed.length > 0 && !validating && validation && !validation.failure && (
          <>
            <p className={validation.valid ? 'ok' : 'error'}>{validation.valid ? `Valid: version ${validation.version} when applied.` : 'Not valid: apply is disabled.'}</p>
            <Report report={validation} onSelectDiagnostic={jumpTo} />
          </>
        )}
      </div>
      {changed.length > 0 && <Diff files={changed} live={live} />}
      {breaking && <ForceReason force={force} reason={reason} onForce={setForce} onReason={setReason} />}
      <div className="actions">
        <button className="primary" disabled={!canApply} onClick={apply}>Apply</button>
        <button disabled={changed.length === 0} onClick={() => setEdits({})}>Discard changes</button>
      </div>
      {outcome && (
        <div className={`outcome ${outcome.kind}`} role="status">
          <p>{outcome.message}</p>
          {outcome.report && <Report report={outcome.report} onSelectDiagnostic={jumpTo} />}
        </div>
      )}
    </section>
  );
}

/** Apply's refusals as the contract names them. */
export function refusal(error) {
  if (!(error instanceof ApiError)) {
    return { kind: 'refused', message: describe(error) };
  }
  switch (error.code) {
    case 'VERSION_CONFLICT':
      return { kind: 'refused', message: `The config changed since you loaded it (now ${error.body.currentVersion}). Reload the page and edit again.` };
    case 'CONFIG_INVALID':
      return { kind: 'refused', message: 'The gateway refused the config as invalid.', report: error.body };
    case 'BREAKING_CHANGE':
      return { kind: 'refused', message: 'The change is breaking: tick force and give a reason to apply it anyway.', report: error.body };
    default:
      return { kind: 'refused', message: describe(error) };
  }
}

function Diff({ files, live }) {
  return (
    <div className="diff" aria-label="Diff">
      <h3>Diff against the live config</h3>
      {files.map((file) => (
        <div key={file.path}>
          <h4>{file.path}</h4>
          <pre>
            {changedHunks(lineDiff(live[file.path] ?? '', file.content)).map((line, i) => (
              <div key={i} className={`line ${line.kind === '+' ? 'added' : line.kind === '-' ? 'removed' : ''}`}>
                {line.kind} {line.text}
              </div>
            ))}
          </pre>
        </div>
      ))}
    </div>
  );
}
