// The capture holds what a browser guards most: cookies, Authorization headers, request bodies.
// It keeps them (the panel and "Copy as curl" need them), but they never reach the disk in clear:
// IndexedDB holds only ciphertext, the key lives in storage.session (memory), and a search of the
// whole browser profile on disk finds none of them. The bodies are captured as the page sent them.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { CAPTURE_DB, SESSION_KEYS } from '../../extension/storage-keys.ts';
import type { WorkerDebugGlobals } from '../../extension/service-worker.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { launchWithExtension, openPanelTab, storedExchanges, tabIdOf, waitFor, type ExtensionBrowser } from './helpers/launch.ts';
import { startRealisticServers, type RealisticServers } from './helpers/realistic-api.ts';

// Made up for this run, and handed to the page through the DevTools protocol: they are in no file
// the browser could have cached.
const nonce = Math.random().toString(36).slice(2, 10);
const CANARIES = {
  cookie: `cookie-canary-${nonce}`,
  authorization: `auth-canary-${nonce}`,
  jsonBody: `json-canary-${nonce}`,
  formBody: `form-canary-${nonce}`,
};

let servers: RealisticServers;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;
let captured: CapturedExchange[];

beforeAll(async () => {
  servers = await startRealisticServers();
  browser = await launchWithExtension();
  page = await browser.context.newPage();
  await page.goto(`${servers.pageOrigin}/`);
  tabId = await tabIdOf(browser, page);
  await openPanelTab(browser, tabId, { width: 1400, height: 900 });
  await page.bringToFront();

  await page.evaluate(
    async ({ api, canaries }) => {
      // A session cookie (never written to the cookie database), sent to the API: same site.
      document.cookie = `sid=${canaries.cookie}; path=/`;
      const send = (path: string, init: RequestInit) => fetch(`${api}${path}`, { credentials: 'include', ...init }).then((r) => r.status);
      return Promise.all([
        send('/secret/authorization', { headers: { Authorization: `Bearer ${canaries.authorization}` } }),
        send('/secret/json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ana', password: canaries.jsonBody, note: 'é ✓' }) }),
        send('/secret/form', { method: 'POST', body: new URLSearchParams({ q: 'a b+c', token: canaries.formBody }) }),
        send('/secret/binary', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array([0xff, 0xfe, 0x00, 0x41]) }),
      ]);
    },
    { api: servers.apiOrigin, canaries: CANARIES },
  );
  captured = await waitFor(async () => {
    const all = (await storedExchanges(browser, tabId)).filter((x) => !x.pending);
    return all.length === 4 ? all : undefined;
  }, 'the four requests in the log');
  // Every write done before anything is read off the disk.
  await (await browser.serviceWorker()).evaluate(() => (self as unknown as WorkerDebugGlobals).corsInspectorSettled());
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

const byPath = (path: string) => captured.find((x) => new URL(x.exchange.hops[0]!.url).pathname === path)!.exchange;
const header = (headers: readonly (readonly [string, string])[], name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];

it('captures the secrets (what the panel and curl need), and the bodies as the page sent them', () => {
  const auth = byPath('/secret/authorization');
  expect(header(auth.request.headers, 'authorization')).toBe(`Bearer ${CANARIES.authorization}`);
  expect(header(auth.request.headers, 'cookie')).toBe(`sid=${CANARIES.cookie}`);

  const json = byPath('/secret/json').request;
  expect(json.body).toBe(servers.received.get('/secret/json'));
  expect(json.body).toContain(CANARIES.jsonBody);
  expect(json.bodySize).toBe(Buffer.byteLength(servers.received.get('/secret/json')!));

  // Chromium hands a form body over as fields; rebuilt, it is byte for byte what was sent.
  const form = byPath('/secret/form').request;
  expect(form.body).toBe(servers.received.get('/secret/form'));
  expect(form.body).toBe(`q=a+b%2Bc&token=${CANARIES.formBody}`);

  // Not UTF-8: a size, no text.
  const binary = byPath('/secret/binary').request;
  expect([binary.body, binary.bodySize]).toEqual([undefined, 4]);
});

it('stores only ciphertext in IndexedDB, and only the key in storage.session', async () => {
  const worker = await browser.serviceWorker();
  const found = await worker.evaluate(
    async ({ db: { name, records }, sessionKey, canaries }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(records).objectStore(records).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      // Every byte of every record, read one byte a character and as UTF-16, so that no encoding hides a canary.
      const texts = values.flatMap((value) => {
        const { iv, data } = value as { iv: Uint8Array; data: ArrayBuffer };
        const bytes = new Uint8Array(data);
        return [new TextDecoder('windows-1252').decode(iv), new TextDecoder('windows-1252').decode(bytes), new TextDecoder('utf-16le').decode(bytes)];
      });
      const session = await chrome.storage.session.get(null);
      const local = await chrome.storage.local.get(null);
      const inClear = (text: string) => Object.values(canaries).filter((canary) => text.includes(canary));
      return {
        records: values.length,
        recordBytes: values.reduce((sum: number, v) => sum + (v as { data: ArrayBuffer }).data.byteLength, 0),
        inRecords: texts.flatMap(inClear),
        sessionKeys: Object.keys(session),
        inSession: inClear(JSON.stringify(session)),
        inLocal: inClear(JSON.stringify(local)),
        key: session[sessionKey] as string,
      };
    },
    { db: CAPTURE_DB, sessionKey: SESSION_KEYS.captureKey, canaries: CANARIES },
  );
  expect(found.records).toBeGreaterThan(0);
  expect(found.recordBytes).toBeGreaterThan(1_000);
  expect(found.inRecords).toEqual([]);
  expect(found.sessionKeys).toEqual([SESSION_KEYS.captureKey]);
  expect(found.inSession).toEqual([]);
  expect(found.inLocal).toEqual([]);
  expect(Buffer.from(found.key, 'base64')).toHaveLength(32);
});

/** Files under `dir` whose bytes contain `needle` (as UTF-8 or UTF-16LE). */
function filesContaining(dir: string, needles: readonly string[]): string[] {
  const patterns = needles.flatMap((needle) => [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]);
  const hits: string[] = [];
  const walk = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // gone meanwhile (the browser's temporary files)
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
      return;
    }
    if (!stat.isFile()) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return;
    }
    if (patterns.some((pattern) => bytes.includes(pattern))) hits.push(path.slice(dir.length + 1));
  };
  walk(dir);
  return hits;
}

it('leaves no secret, and not the key, anywhere in the browser profile on disk', async () => {
  // The method finds clear text written to IndexedDB by an extension (a control, written in clear).
  const control = `control-canary-${nonce}`;
  const worker = await browser.serviceWorker();
  await worker.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('test-control');
      open.onupgradeneeded = () => open.result.createObjectStore('clear');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('clear', 'readwrite');
      tx.objectStore('clear').put(value, 'value');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, control);
  expect(await waitFor(async () => (filesContaining(browser.userDataDir, [control]).length > 0 ? true : undefined), 'the control on disk')).toBe(true);

  const key = await worker.evaluate((name) => chrome.storage.session.get(name).then((items) => items[name] as string), SESSION_KEYS.captureKey);
  expect(filesContaining(browser.userDataDir, [...Object.values(CANARIES), key])).toEqual([]);
});
