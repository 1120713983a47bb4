import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './ide.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { credentialHeaders, loadCredential } from '../shared/credentials.js';

// The page holds no data and needs no credential; every request it sends carries the headers typed
// into GraphiQL's headers editor (prefilled from the console's sign-in in this tab, if any).
const endpoint = window.location.pathname;

async function fetcher(params, options) {
  const headers = Object.fromEntries(Object.entries(options?.headers ?? {}).filter(([, value]) => value !== ''));
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(params),
  });
  return response.json();
}

const signedIn = credentialHeaders(loadCredential());
const defaultHeaders = JSON.stringify(Object.keys(signedIn).length > 0 ? signedIn : { 'X-Api-Key': '' }, null, 2);
const initialQuery = new URLSearchParams(window.location.search).get('query') ?? undefined;

const defaultQuery = `# CrmFederation's unified customer schema. Put an API key (X-Api-Key) or a JWT
# ("Authorization": "Bearer …") in the Headers tab below, then re-fetch the schema (the
# arrows in the sidebar) for the docs and completion. Run with Ctrl-Enter.
{
  customer(id: "C-000035") {
    name
    segment
    billing { legalName }
    tickets(status: [OPEN, PENDING]) { subject priority }
  }
}
`;

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={defaultQuery}
      initialQuery={initialQuery}
      defaultHeaders={defaultHeaders}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
