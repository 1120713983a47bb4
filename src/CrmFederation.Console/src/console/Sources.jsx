import { useAdminGet } from './useAdminApi.js';

const percent = (ratio) => (ratio === null || ratio === undefined ? '–' : `${(ratio * 100).toFixed(1)} %`);
const headroom = (value) => (value === null || value === undefined ? 'no limit' : value);

/** Every source's health and figures from GET /status/sources, refreshed every five seconds. */
export function Sources({ credential }) {
  const { data, error } = useAdminGet(credential, '/status/sources', 5000);
  return (
    <section>
      <h2>Sources</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {data && (
        <>
          <p className="hint">Config version <code>{data.configVersion}</code>; figures over the last minute, cache since start.</p>
          <table className="sources">
            <thead>
              <tr>
                <th>Source</th>
                <th>Health</th>
                <th>Circuit</th>
                <th>Calls / min</th>
                <th>Error rate</th>
                <th>Mean latency</th>
                <th>Concurrency headroom</th>
                <th>Rate limit headroom</th>
                <th>Cache hit ratio</th>
              </tr>
            </thead>
            <tbody>
              {data.sources.map((source) => (
                <tr key={source.name} data-source={source.name}>
                  <th scope="row">{source.name}</th>
                  <td className={`health ${source.health}`} title={source.healthReason ?? ''}>{source.health}</td>
                  <td>{source.circuit}</td>
                  <td>{source.callsLastMinute}</td>
                  <td>{percent(source.errorRateLastMinute)}</td>
                  <td>{source.meanLatencyMs} ms</td>
                  <td>{headroom(source.concurrencyHeadroom)}</td>
                  <td>{headroom(source.rateLimitHeadroom)}</td>
                  <td>{percent(source.cacheHitRatio)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
