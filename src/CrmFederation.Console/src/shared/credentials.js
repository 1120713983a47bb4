// The caller's credential for this browser tab. sessionStorage, not localStorage: it ends with the tab,
// and both pages (same origin) share it, so signing in to the console also fills the IDE's headers.
const storageKey = 'crmfed.credential';

export function loadCredential() {
  return sessionStorage.getItem(storageKey) ?? '';
}

export function saveCredential(value) {
  if (value) {
    sessionStorage.setItem(storageKey, value);
  } else {
    sessionStorage.removeItem(storageKey);
  }
}

/** A JWT (three dot-separated parts) goes in Authorization; anything else is an API key. */
export function credentialHeaders(credential) {
  const value = credential.trim();
  if (!value) {
    return {};
  }
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value) ? { Authorization: `Bearer ${value}` } : { 'X-Api-Key': value };
}
