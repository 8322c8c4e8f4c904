// What `cors-inspector probe URL --origin ORIGIN [--method M] [--header NAME]… [--credentials]` needs
// to ask the server again about one exchange: the URL, the origin the browser sent, the method, the
// CORS-unsafe request header names (those that made the preflight) and whether credentials went.
// The command itself is written by the export layer, which quotes for shells.

import type { Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { normalizeMethod } from '../methods.ts';

export interface ProbeTarget {
  url: string;
  origin: string;
  /** Normalized (`GET`, `PUT`, or a custom method as written). */
  method: string;
  /** Lower-case names, in the order the engine found them, without repeats. */
  headers: string[];
  credentials: boolean;
}

/** The probe for hop `hop` of `exchange` (hop 0 unless an advisory is about a later one). */
export function probeTargetOf(diagnosis: Diagnosis, exchange: ObservedExchange, hop = 0, credentials = diagnosis.credentialsMode === 'include'): ProbeTarget {
  const at = exchange.hops[hop] ?? exchange.hops[0]!;
  const headers: string[] = [];
  for (const reason of diagnosis.preflight.reasons) {
    if (reason.kind === 'header' && !headers.includes(reason.name)) headers.push(reason.name);
  }
  return {
    url: at.url,
    origin: diagnosis.requestOrigins[hop] ?? diagnosis.requestOrigins[0] ?? exchange.request.initiatorOrigin ?? 'null',
    method: normalizeMethod(exchange.request.method),
    headers,
    credentials,
  };
}
