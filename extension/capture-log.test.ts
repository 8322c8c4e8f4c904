import { describe, expect, it } from 'vitest';
import type { CaptureDelta } from '../src/capture/index.ts';
import { loadCaptureKey, type SessionArea } from './capture-key.ts';
import { createEncryptedLog, createMemoryRecordStore, openRecord, RECORD_CHARS, sealRecord } from './capture-log.ts';
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

  it('stores a big delta as several records, each under the size IndexedDB keeps beside its database', async () => {
    const { key } = await loadCaptureKey(memorySession());
    const records = createMemoryRecordStore();
    const log = createEncryptedLog(key, records);
    const body = 'x'.repeat(2_000);
    const many: CaptureDelta['exchanges'] = Array.from({ length: 100 }, (_, i) => [i, { ...delta(`e${i}`).exchanges[0]![1], id: `e${i}`, body }] as const);
    const live = { requestId: 'r1', event: 'onBeforeRequest', details: {} } as unknown as CaptureDelta['liveAdded'][number];
    await log.append(1, delta('first'));
    const bytes = await log.append(1, delta('big', { exchanges: many, nextSeq: 100, liveAdded: [live], liveRemoved: ['gone'] }));
    await log.append(1, delta('last'));

    const stored = [...records.raw().get(1)!].sort(([a], [b]) => a - b);
    expect(stored.length).toBeGreaterThan(4);
    expect(stored.map(([n]) => n)).toEqual(stored.map((_, i) => i));
    for (const [, record] of stored) {
      expect(record.data.byteLength).toBeLessThan(64 * 1024);
      expect(bytesContain(record.data, 'canary')).toBe(false);
    }
    expect(bytes).toBe(stored.slice(1, -1).reduce((sum, [, r]) => sum + r.data.byteLength, 0));

    const read = (await createEncryptedLog(key, records).readAll()).tabs.get(1)!;
    expect(read.flatMap((d) => d.exchanges.map(([seq, c]) => `${seq} ${c.id}`))).toEqual(['0 first', ...many.map(([seq, c]) => `${seq} ${c.id}`), '0 last']);
    // The in-flight changes are said once, with the first part of the delta.
    expect(read.flatMap((d) => d.liveAdded)).toEqual([live]);
    expect(read.flatMap((d) => d.liveRemoved)).toEqual(['gone']);
    expect(RECORD_CHARS).toBeLessThan(64 * 1024);
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
