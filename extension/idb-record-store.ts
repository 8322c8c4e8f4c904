// The capture log's records in IndexedDB (the extension origin's, on disk, counted against its
// quota, which is a share of the disk, not storage.session's 10 MB). Records are already sealed
// (capture-log.ts): nothing here sees a captured header.

import type { RecordStore } from './capture-log.ts';
import { CAPTURE_DB, type RecordKey, type SealedRecord } from './storage-keys.ts';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Every key `[tabId, n]` of one tab: arrays sort after numbers, so `[tabId, []]` is above them all. */
function tabRange(tabId: number): IDBKeyRange {
  return IDBKeyRange.bound([tabId], [tabId, []]);
}

export function openCaptureDatabase(factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  const open = factory.open(CAPTURE_DB.name, CAPTURE_DB.version);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(CAPTURE_DB.records)) open.result.createObjectStore(CAPTURE_DB.records);
  };
  return request(open);
}

export function createIdbRecordStore(db: IDBDatabase): RecordStore & { clear(): Promise<void> } {
  const store = (mode: IDBTransactionMode): [IDBObjectStore, Promise<void>] => {
    const tx = db.transaction(CAPTURE_DB.records, mode);
    return [tx.objectStore(CAPTURE_DB.records), done(tx)];
  };
  return {
    async readAll() {
      const [records, finished] = store('readonly');
      const [keys, values] = await Promise.all([request(records.getAllKeys()), request(records.getAll())]);
      await finished;
      const tabs = new Map<number, { n: number; record: SealedRecord }[]>();
      keys.forEach((key, i) => {
        const [tabId, n] = key as RecordKey;
        let list = tabs.get(tabId);
        if (!list) tabs.set(tabId, (list = []));
        list.push({ n, record: values[i] as SealedRecord });
      });
      return tabs;
    },
    async put(tabId, n, record) {
      const [records, finished] = store('readwrite');
      records.put(record, [tabId, n] satisfies RecordKey);
      await finished;
    },
    async replace(tabId, list) {
      const [records, finished] = store('readwrite');
      records.delete(tabRange(tabId));
      list.forEach((record, n) => records.put(record, [tabId, n] satisfies RecordKey));
      await finished;
    },
    async remove(tabId) {
      const [records, finished] = store('readwrite');
      records.delete(tabRange(tabId));
      await finished;
    },
    async clear() {
      const [records, finished] = store('readwrite');
      records.clear();
      await finished;
    },
  };
}
