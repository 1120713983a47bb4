import { useState } from 'react';

/** Asks for an admin credential; it is kept in this tab's sessionStorage and sent with every call. */
export function SignIn({ onSignIn }) {
  const [value, setValue] = useState('');
  const submit = (event) => {
    event.preventDefault();
    if (value.trim()) {
      onSignIn(value.trim());
    }
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h1>CrmFederation admin console</h1>
      <label htmlFor="credential">Admin API key or JWT</label>
      <input id="credential" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      <button type="submit">Sign in</button>
      <p className="hint">
        The credential stays in this browser tab (sessionStorage) and goes with every call as <code>X-Api-Key</code>, or as{' '}
        <code>Authorization: Bearer</code> for a JWT. It needs the <code>admin</code> scope; in demo mode,{' '}
        <code>demo-admin-key</code>.
      </p>
    </form>
  );
}
