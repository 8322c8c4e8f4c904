import { describe, expect, it } from 'vitest';
import type { CaptureDelta } from '../src/capture/index.ts';
import { loadCaptureKey, type SessionArea } from './capture-key.ts';
import { createEncryptedLog, createMemoryRecordStore, openRecord, sealRecord } from './capture-log.ts';
import { SESSION_KEYS } from './storage-keys.ts';

const CANARY = 'Bearer canary-7f3a9c';

function delta(id: string, extra: Partial<CaptureDelta> = {}): CaptureDelta {
  return {
    settings: { preserveLog: false, preciseMode: false },
    status: { fallback: 'none', dropped: 0 },
    nextSeq: 1,
    floor: 0,
    exchanges: [[0, { id, source: 'webRequest', exchange: { request: { method: 'GET', headers: [['Authorization', CANARY]] }, hops: [{ url: 'http://a.test/', response: null }] } }]],
    liveRemoved: [],
    liveAdded: [],
    ...extra,
  };
}

function memorySession(): SessionArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (more) => void Object.assign(items, more),
  };
}

const bytesContain = (data: ArrayBuffer, text: string): boolean => Buffer.from(data).includes(Buffer.from(text));

describe('capture key', () => {
  it('is made once per browser session, kept in session storage, and not extractable', async () => {
    const session = memorySession();
    const first = await loadCaptureKey(session);
    expect(first.created).toBe(true);
    expect(typeof session.items[SESSION_KEYS.captureKey]).toBe('string');
    expect(Buffer.from(session.items[SESSION_KEYS.captureKey] as string, 'base64')).toHaveLength(32);
    await expect(crypto.subtle.exportKey('raw', first.key)).rejects.toThrow();

    const again = await loadCaptureKey(session);
    expect(again.created).toBe(false);
    // The same key: what one worker sealed, the next one opens.
    const sealed = await sealRecord(first.key, 1, 0, delta('x'));
    expect((await openRecord(again.key, 1, 0, sealed)).exchanges[0]![1].id).toBe('x');
  });

  it('is made anew when what is stored is not a key', async () => {
    const session = memorySession();
    session.items[SESSION_KEYS.captureKey] = 'not base64 of 32 bytes';
    expect((await loadCaptureKey(session)).created).toBe(true);
  });
});

describe('encrypted capture log', () => {
  it('stores ciphertext only, and reads back what was appended and replaced', async () => {
    const { key } = await loadCaptureKey(memorySession());
    const records = createMemoryRecordStore();
    const log = createEncryptedLog(key, records);
    await log.append(1, delta('a'));
    await log.append(1, delta('b'));
    await log.append(2, delta('c'));
    for (const byN of records.raw().values()) for (const record of byN.values()) expect(bytesContain(record.data, 'canary')).toBe(false);

    const read = await createEncryptedLog(key, records).readAll();
    expect(read.tabs.get(1)!.map((d) => d.exchanges[0]![1].id)).toEqual(['a', 'b']);
    expect(read.tabs.get(1)![0]!.exchanges[0]![1].exchange.request.headers).toEqual([['Authorization', CANARY]]);
    expect(read.bytes.get(1)).toBeGreaterThan(0);

    await log.replace(1, [delta('whole', { reset: true })]);
    await log.append(1, delta('after'));
    await log.remove(2);
    const later = await createEncryptedLog(key, records).readAll();
    expect(later.tabs.get(1)!.map((d) => d.exchanges[0]![1].id)).toEqual(['whole', 'after']);
    expect(later.tabs.has(2)).toBe(false);
  });

  it('refuses a record moved to another place or tab, and a record sealed under another key', async () => {
    const { key } = await loadCaptureKey(memorySession());
    const sealed = await sealRecord(key, 1, 0, delta('a'));
    await expect(openRecord(key, 1, 1, sealed)).rejects.toThrow();
    await expect(openRecord(key, 2, 0, sealed)).rejects.toThrow();

    const records = createMemoryRecordStore();
    await createEncryptedLog(key, records).append(5, delta('old'));
    const { key: other } = await loadCaptureKey(memorySession());
    const read = await createEncryptedLog(other, records).readAll();
    expect(read.unreadable).toEqual([5]);
    expect(read.tabs.size).toBe(0);
    // Deleted: it can never be read, and would only take space.
    expect(records.raw().has(5)).toBe(false);
  });
});
