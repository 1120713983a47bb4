import { useState } from 'react';
import { loadCredential, saveCredential } from '../shared/credentials.js';
import { SignIn } from './SignIn.jsx';
import { Sources } from './Sources.jsx';
import { Bindings } from './Bindings.jsx';
import { ConfigEditor } from './ConfigEditor.jsx';
import { History } from './History.jsx';

const tabs = [
  { id: 'sources', label: 'Sources', Page: Sources },
  { id: 'bindings', label: 'Field origins', Page: Bindings },
  { id: 'config', label: 'Edit config', Page: ConfigEditor },
  { id: 'history', label: 'History', Page: History },
];

/** The admin console: sign in with an admin API key or JWT, then one tab per task. */
export function App() {
  const [credential, setCredential] = useState(loadCredential);
  const [tab, setTab] = useState('sources');

  const signIn = (value) => {
    saveCredential(value);
    setCredential(value);
  };

  if (!credential) {
    return <SignIn onSignIn={signIn} />;
  }

  const { Page } = tabs.find((t) => t.id === tab);
  return (
    <div className="console">
      <header>
        <h1>CrmFederation admin console</h1>
        <nav role="tablist">
          {tabs.map((t) => (
            <button key={t.id} role="tab" aria-selected={t.id === tab} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <a href="/graphql">GraphQL IDE</a>
        <button onClick={() => signIn('')}>Sign out</button>
      </header>
      <main>
        <Page credential={credential} onSignOut={() => signIn('')} />
      </main>
    </div>
  );
}
