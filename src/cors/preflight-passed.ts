// Whether the preflight the diagnosis read its Access-Control-Max-Age from made the browser cache
// anything. https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 step 7: only a preflight whose
// response passes every check (the CORS check, an ok status, the two lists, the method, the header
// names) creates cache entries, for Max-Age seconds; one that fails creates none (and clears the
// entries that match it), so its Max-Age says nothing about what is kept.

import type { Diagnosis } from './diagnosis.ts';

/**
 * The preflight at `preflight.hop` was sent and passed: its last check (the header names) passed
 * and none of its checks failed. False where the capture holds none, or the replay stopped before
 * its checks (a network error).
 */
export function preflightPassed(diagnosis: Pick<Diagnosis, 'preflight' | 'checks'>): boolean {
  const { hop, observed } = diagnosis.preflight;
  if (observed !== 'sent') return false;
  let last = false;
  for (const check of diagnosis.checks) {
    if (check.phase !== 'preflight' || check.hop !== hop) continue;
    if (check.outcome === 'failed') return false;
    if (check.name === 'preflight-headers' && check.outcome === 'passed') last = true;
  }
  return last;
}
