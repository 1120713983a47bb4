/** The force checkbox and the reason it requires; shown only when a change is breaking. */
export function ForceReason({ force, reason, onForce, onReason }) {
  return (
    <fieldset className="force">
      <legend>This change breaks the public schema</legend>
      <label>
        <input type="checkbox" checked={force} onChange={(e) => onForce(e.target.checked)} /> Apply anyway (force)
      </label>
      <label>
        Reason (recorded in the history)
        <input type="text" value={reason} onChange={(e) => onReason(e.target.value)} placeholder="why this break is acceptable" />
      </label>
    </fieldset>
  );
}

export const forceReady = (force, reason) => force && reason.trim().length > 0;
