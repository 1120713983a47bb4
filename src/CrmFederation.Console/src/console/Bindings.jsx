import { useState } from 'react';
import { useAdminGet } from './useAdminApi.js';

/** Every type with where each of its fields comes from (GET /admin/schema/bindings). */
export function Bindings({ credential }) {
  const { data, error } = useAdminGet(credential, '/admin/schema/bindings');
  const [selected, setSelected] = useState('Customer');
  const types = data?.types ?? [];
  const type = types.find((t) => t.name === selected) ?? types[0];
  return (
    <section className="bindings">
      <h2>Field origins</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="split">
        <ul className="type-list" aria-label="Types">
          {types.map((t) => (
            <li key={t.name}>
              <button aria-current={t === type} onClick={() => setSelected(t.name)}>{t.name}</button>
            </li>
          ))}
        </ul>
        {type && (
          <table className="fields" aria-label={`Fields of ${type.name}`}>
            <caption>{type.name}</caption>
            <thead>
              <tr>
                <th>Field</th>
                <th>Type</th>
                <th>Source</th>
                <th>Endpoint</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {type.fields.map((field, index) => (
                <tr key={`${field.name}/${index}`} data-field={field.name}>
                  <th scope="row">{field.name}</th>
                  <td><code>{field.type}</code></td>
                  <td>{field.source}</td>
                  <td>{field.endpoint ?? '–'}</td>
                  <td><code>{field.from}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
