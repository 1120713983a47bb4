import { useState } from 'react';
import { api } from './api.js';
import { useAdminGet } from './useAdminApi.js';
import { Report } from './Report.jsx';
import { ForceReason, forceReady } from './ForceReason.jsx';
import { refusal } from './ConfigEditor.jsx';

/** The applied versions, newest first, and a rollback to any of them (POST /admin/config/rollback). */
export function History({ credential }) {
  const { data, error, reload } = useAdminGet(credential, '/admin/config/history');
  const [target, setTarget] = useState(null);
  const [force, setForce] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState(null);
  const entries = data?.entries ?? [];
  const current = entries.find((entry) => entry.current);

  const rollback = async () => {
    setOutcome(null);
    try {
      const result = await api(credential, 'POST', '/admin/config/rollback', {
        version: target,
        expectedVersion: current?.version ?? null,
        force,
        reason: reason.trim() || null,
      });
      setOutcome({ kind: 'applied', message: `Rolled back to ${result.version} (was ${result.previousVersion}).`, report: result });
      setTarget(null);
      setForce(false);
      setReason('');
      reload();
    } catch (failure) {
      const refused = refusal(failure);
      setOutcome(refused);
      if (failure.code === 'BREAKING_CHANGE') {
        setForce(true);
      }
    }
  };

  return (
    <section className="history">
      <h2>History</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>Applied</th>
            <th>By</th>
            <th>Trigger</th>
            <th>Forced</th>
            <th>Reason</th>
            <th>Summary</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.version}/${entry.appliedAt}`} data-version={entry.version} className={entry.current ? 'current' : ''}>
              <td><code>{entry.version}</code>{entry.current && ' (current)'}</td>
              <td>{entry.appliedAt}</td>
              <td>{entry.appliedBy}</td>
              <td>{entry.trigger}</td>
              <td>{entry.forced ? 'yes' : ''}</td>
              <td>{entry.reason}</td>
              <td>{entry.summary}</td>
              <td>
                {!entry.current && (
                  <button onClick={() => { setTarget(entry.version); setOutcome(null); }}>Roll back to this</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {target && (
        <div className="rollback" aria-label="Rollback">
          <p>Roll back to <code>{target}</code>?</p>
          {force && <ForceReason force={force} reason={reason} onForce={setForce} onReason={setReason} />}
          <button className="primary" disabled={force && !forceReady(force, reason)} onClick={rollback}>Confirm rollback</button>{' '}
          <button onClick={() => setTarget(null)}>Cancel</button>
        </div>
      )}
      {outcome && (
        <div className={`outcome ${outcome.kind}`} role="status">
          <p>{outcome.message}</p>
          {outcome.report && <Report report={outcome.report} />}
        </div>
      )}
    </section>
  );
}
