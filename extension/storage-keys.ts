// Every name under which the extension keeps something, in one place: the service worker uses
// them, and so do the browser tests that read what it stored (no string templates repeated).
//
// Where what lives, and why (see docs/extension.md, "Where the capture is kept"):
// - `chrome.storage.session` (memory only, never on disk, 10 MB, gone when the browser closes)
//   holds the capture key: AES-GCM, 256 bits, made when the browser session's first worker starts.
// - IndexedDB (on disk, within the extension origin's quota) holds each tab's capture as a log of
//   records, each encrypted with that key. Without the key (the browser was closed) the records
//   cannot be read, and are deleted.

/** `chrome.storage.session` items. */
export const SESSION_KEYS = {
  /** The capture key's raw bytes, base64: `string`. */
  captureKey: 'captureKey',
} as const;

/** The IndexedDB database of captures: one object store of encrypted records. */
export const CAPTURE_DB = {
  name: 'cors-inspector-capture',
  version: 1,
  /** Out-of-line keys `[tabId, n]`: a tab's records, in the order they were written. */
  records: 'records',
} as const;

export type RecordKey = [tabId: number, n: number];

/** One stored record: AES-GCM ciphertext of one capture delta's JSON, and its nonce. */
export interface SealedRecord {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** Additional data bound into each record's tag: a record moved to another tab or place does not open. */
export function recordAad(tabId: number, n: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`cors-inspector-capture:${tabId}:${n}`);
}
