// Recording checks. The engine runs every rule once; when the caller wants the step-by-step account
// (`Diagnosis.checks`) it passes an array, and when it only wants the verdict (the alternative
// readings, the verdict-only fast path) it passes null and nothing is recorded.

import type { Check } from './diagnosis.ts';

export type CheckLog = Check[] | null;

/**
 * Appends `check` to the log. On the verdict-only path the log is null: callers on that path write
 * `if (log !== null) record(log, { ... })` so that not even the `Check` object is built.
 */
export function record(log: CheckLog, check: Check): void {
  if (log !== null) log.push(check);
}
