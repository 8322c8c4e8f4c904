// Each tab's capture as a log of encrypted records: every delta the capture store hands over
// (`CaptureStore.takeDeltas`) becomes one record, sealed with AES-GCM under the session's capture
// key before it is stored. The records hold cookies, Authorization headers and request bodies:
// they reach the disk (IndexedDB) only as ciphertext, and the key never does (capture-key.ts).
//
// Where the records are kept is a `RecordStore`: IndexedDB in the extension (idb-record-store.ts),
// a Map in tests. The log itself uses WebCrypto only, which Node has too, so it is unit-tested
// as it runs.

import { captureDeltaJson, type CaptureDelta } from '../src/capture/index.ts';
import { recordAad, type SealedRecord } from './storage-keys.ts';

/** Where sealed records are kept, by tab, numbered in the order written. */
export interface RecordStore {
  /** Every record of every tab, each tab's in order of `n`. */
  readAll(): Promise<Map<number, { n: number; record: SealedRecord }[]>>;
  put(tabId: number, n: number, record: SealedRecord): Promise<void>;
  /** Delete the tab's records and write these (numbered from 0), in one transaction. */
  replace(tabId: number, records: readonly SealedRecord[]): Promise<void>;
  remove(tabId: number): Promise<void>;
}

interface ReadBack {
  tabs: Map<number, CaptureDelta[]>;
  /** Bytes of each tab's records (to know when its log is worth compacting). */
  bytes: Map<number, number>;
  /** Tabs with a record that did not open (another key, or damaged): their records were deleted. */
  unreadable: number[];
}

/** What the capture service needs of its storage. Every method resolves to the bytes written. */
export interface CaptureLog {
  readAll(): Promise<ReadBack>;
  append(tabId: number, delta: CaptureDelta): Promise<number>;
  /** The tab's log becomes these records (a compaction, or starting over after a failed write). */
  replace(tabId: number, deltas: readonly CaptureDelta[]): Promise<number>;
  remove(tabId: number): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function sealRecord(key: CryptoKey, tabId: number, n: number, delta: CaptureDelta): Promise<SealedRecord> {
  // A random 96-bit nonce per record: far fewer than 2^32 records are ever sealed under one key
  // (NIST SP 800-38D, 8.3), so a nonce never repeats in practice.
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: recordAad(tabId, n) }, key, encoder.encode(captureDeltaJson(delta)));
  return { iv, data };
}

export async function openRecord(key: CryptoKey, tabId: number, n: number, record: SealedRecord): Promise<CaptureDelta> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv, additionalData: recordAad(tabId, n) }, key, record.data);
  return JSON.parse(decoder.decode(plain)) as CaptureDelta;
}

export function createEncryptedLog(key: CryptoKey, records: RecordStore): CaptureLog {
  /** The next record number of each tab. */
  const next = new Map<number, number>();
  return {
    async readAll() {
      const tabs = new Map<number, CaptureDelta[]>();
      const bytes = new Map<number, number>();
      const unreadable: number[] = [];
      for (const [tabId, list] of await records.readAll()) {
        try {
          const deltas: CaptureDelta[] = [];
          for (const { n, record } of list) deltas.push(await openRecord(key, tabId, n, record));
          tabs.set(tabId, deltas);
          bytes.set(tabId, list.reduce((sum, { record }) => sum + record.data.byteLength, 0));
          next.set(tabId, (list.at(-1)?.n ?? -1) + 1);
        } catch {
          unreadable.push(tabId);
          await records.remove(tabId);
        }
      }
      return { tabs, bytes, unreadable };
    },
    async append(tabId, delta) {
      const n = next.get(tabId) ?? 0;
      const record = await sealRecord(key, tabId, n, delta);
      await records.put(tabId, n, record);
      next.set(tabId, n + 1);
      return record.data.byteLength;
    },
    async replace(tabId, deltas) {
      const sealed = await Promise.all(deltas.map((delta, n) => sealRecord(key, tabId, n, delta)));
      await records.replace(tabId, sealed);
      next.set(tabId, sealed.length);
      return sealed.reduce((sum, record) => sum + record.data.byteLength, 0);
    },
    async remove(tabId) {
      next.delete(tabId);
      await records.remove(tabId);
    },
  };
}

/** A `RecordStore` in memory, for tests: it keeps copies, as structured storage would. */
export function createMemoryRecordStore(): RecordStore & { raw(): Map<number, Map<number, SealedRecord>> } {
  const tabs = new Map<number, Map<number, SealedRecord>>();
  return {
    async readAll() {
      return new Map(
        [...tabs].map(([tabId, byN]) => [
          tabId,
          [...byN]
            .sort(([a], [b]) => a - b)
            .map(([n, record]) => ({ n, record: structuredClone(record) })),
        ]),
      );
    },
    async put(tabId, n, record) {
      let byN = tabs.get(tabId);
      if (!byN) tabs.set(tabId, (byN = new Map()));
      byN.set(n, structuredClone(record));
    },
    async replace(tabId, records) {
      tabs.set(tabId, new Map(records.map((record, n) => [n, structuredClone(record)])));
    },
    async remove(tabId) {
      tabs.delete(tabId);
    },
    raw: () => tabs,
  };
}
