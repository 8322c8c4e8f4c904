import { describe, expect, it } from 'vitest';
import { createIdbRecordStore } from './idb-record-store.ts';
import type { SealedRecord } from './storage-keys.ts';

/** A stand-in for IDBDatabase (Node has no IndexedDB): it notes how each transaction was opened. */
function fakeDatabase() {
  const opened: { mode: IDBTransactionMode; options: IDBTransactionOptions | undefined }[] = [];
  const puts: [unknown, unknown][] = [];
  const db = {
    transaction(_names: string, mode: IDBTransactionMode, options?: IDBTransactionOptions) {
      opened.push({ mode, options });
      const tx = {
        oncomplete: null as (() => void) | null,
        objectStore: () => ({
          put: (value: unknown, key: unknown) => void puts.push([key, value]),
          clear: () => undefined,
        }),
      };
      queueMicrotask(() => setTimeout(() => tx.oncomplete?.()));
      return tx;
    },
  };
  return { db: db as unknown as IDBDatabase, opened, puts };
}

describe('createIdbRecordStore', () => {
  it("commits writes with 'relaxed' durability (no flush to disk per record)", async () => {
    const { db, opened, puts } = fakeDatabase();
    const store = createIdbRecordStore(db);
    const record: SealedRecord = { iv: new Uint8Array(12), data: new ArrayBuffer(4) };
    await store.put(7, 0, record);
    await store.clear();
    expect(puts).toEqual([[[7, 0], record]]);
    expect(opened).toEqual([
      { mode: 'readwrite', options: { durability: 'relaxed' } },
      { mode: 'readwrite', options: { durability: 'relaxed' } },
    ]);
  });
});
