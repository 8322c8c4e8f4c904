// Recording checks. The engine runs every rule once; when the caller wants the step-by-step account
// (`Diagnosis.checks`) it passes an array, and when it only wants the verdict (the alternative
// readings) it passes null and nothing is allocated.

import type { Check, CheckName, CheckOutcome, CheckPhase } from './diagnosis.ts';

export type CheckLog = Check[] | null;

export function record(
  log: CheckLog,
  name: CheckName,
  phase: CheckPhase,
  hop: number,
  outcome: CheckOutcome,
  spec: string,
  header?: string,
  expected?: string,
  found?: string | null,
): void {
  if (log === null) return;
  const check: Check = { name, phase, hop, outcome, spec };
  if (header !== undefined) check.header = header;
  if (expected !== undefined) check.expected = expected;
  if (found !== undefined) check.found = found;
  log.push(check);
}
