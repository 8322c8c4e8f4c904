// Stands for extension/capture-log.ts in the "capture without storage" build of bench/capture-cost.ts:
// a log that keeps nothing, so the capture's mapping and messages run but no record is sealed or
// written to IndexedDB.

import type { CaptureLog } from '../../extension/capture-log.ts';

export function createEncryptedLog(): CaptureLog {
  return {
    readAll: () => Promise.resolve({ tabs: new Map(), bytes: new Map(), unreadable: [] }),
    append: () => Promise.resolve(0),
    replace: () => Promise.resolve(0),
    remove: () => Promise.resolve(),
  };
}
