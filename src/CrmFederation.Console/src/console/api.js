import { credentialHeaders } from '../shared/credentials.js';

/** An admin API answer that is not 2xx: its status and the contract's {"error": {code, message}}, plus any extra fields. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? body?.errors?.[0]?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? body?.errors?.[0]?.extensions?.code ?? null;
    this.body = body ?? {};
  }
}

/** Calls an admin endpoint with the signed-in credential; JSON in and out. */
export async function api(credential, method, path, body) {
  const headers = { Accept: 'application/json', ...credentialHeaders(credential) };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

/** One line for an error: what the gateway said, and what a 401/403/404 means here. */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return `The gateway did not answer: ${error.message}`;
  }
  switch (error.status) {
    case 401:
      return `Not signed in: ${error.message}`;
    case 403:
      return 'This credential lacks the admin scope.';
    case 404:
      return 'This gateway does not offer this admin endpoint.';
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}
