// The key that seals the capture log (capture-log.ts). It lives only in `chrome.storage.session`,
// which Chromium keeps in memory and never writes to disk: a capture that reached IndexedDB is
// ciphertext to anyone reading the profile, and becomes unreadable for good when the browser
// closes. A CryptoKey cannot be put in storage.session (only JSON-able values), so the raw bytes
// are, and each worker imports them as a non-extractable key: no code of the worker can read
// them back out of the key it uses.

import { SESSION_KEYS } from './storage-keys.ts';

/** The part of `chrome.storage.session` this needs. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface CaptureKey {
  key: CryptoKey;
  /** Made now: whatever the log holds was sealed under a key that is gone, and is to be deleted. */
  created: boolean;
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export async function loadCaptureKey(session: SessionArea): Promise<CaptureKey> {
  const stored = (await session.get(SESSION_KEYS.captureKey))[SESSION_KEYS.captureKey];
  if (typeof stored === 'string') {
    try {
      const raw = fromBase64(stored);
      if (raw.byteLength === 32) return { key: await importKey(raw), created: false };
    } catch {
      // Not a key we wrote: make a new one (the log it sealed, if any, is deleted).
    }
  }
  const raw = crypto.getRandomValues(new Uint8Array(32));
  await session.set({ [SESSION_KEYS.captureKey]: toBase64(raw) });
  const key = await importKey(raw);
  raw.fill(0);
  return { key, created: true };
}
