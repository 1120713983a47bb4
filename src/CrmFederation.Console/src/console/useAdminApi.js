import { useCallback, useEffect, useState } from 'react';
import { api, describe } from './api.js';

/** GETs an admin endpoint now, again on reload() and, with refreshMs, on a timer: {data, error, reload}. */
export function useAdminGet(credential, path, refreshMs) {
  const [state, setState] = useState({ data: null, error: null });
  const reload = useCallback(() => {
    api(credential, 'GET', path).then(
      (data) => setState({ data, error: null }),
      (error) => setState((previous) => ({ data: previous.data, error: describe(error) })),
    );
  }, [credential, path]);

  useEffect(() => {
    reload();
    if (!refreshMs) {
      return undefined;
    }
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload, refreshMs]);

  return { ...state, reload };
}
