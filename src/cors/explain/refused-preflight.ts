// A preflight refused with a status that is not ok (https://fetch.spec.whatwg.org/#cors-preflight-fetch:
// the CORS check must pass "and response's status is an ok status"): what its words and fix depend
// on, as data. The status says why (auth, no route, a redirect, a failure), a CDN's own answer says
// that no server of yours saw it, and the layer that answered is the one whose configuration must
// let OPTIONS through: Express behind nginx answering 404, and nginx answering 401 before it, are
// two problems, not one.

import type { ObservedExchange } from '../exchange.ts';
import type { ServerStack } from './explanation.ts';
import { edgeAnswer, type EdgeAnswer } from './layers/edge-answer.ts';
import { fixOrder, readStack, type ResponseSeen } from './layers/stack-reading.ts';

export interface RefusedPreflight {
  status: number;
  /** A CDN in front answered it itself (`edgeAnswer`), null for a server's answer. */
  edge: EdgeAnswer | null;
  /** The stack whose fix comes first for that answer (as the exchange's own fix reads the hop), null when none is recognised. */
  stack: ServerStack | null;
  /** Whether `stack` is a layer in front of an app (a web server, a platform), which an app's configuration never reaches past. */
  front: boolean;
}

/**
 * The preflight at `hop` when the browser failed the request on it (`corsError`, a Preflight…
 * error) and its answer's status is not ok; null otherwise. Reads only that hop's answers.
 */
export function refusedPreflightAt(exchange: ObservedExchange, corsError: string | null, hop: number): RefusedPreflight | null {
  if (corsError === null || !corsError.startsWith('Preflight')) return null;
  const at = exchange.hops[hop];
  const answer = at?.preflight?.response ?? null;
  if (answer === null || (answer.status >= 200 && answer.status <= 299)) return null;
  const seen: ResponseSeen[] = [{ on: 'preflight', headers: answer.headers, status: answer.status }];
  if (at?.response) seen.push({ on: 'response', headers: at.response.headers, status: at.response.status });
  const reading = readStack(seen, 'access-control-allow-origin', 'preflight');
  const stack = fixOrder(reading)[0] ?? null;
  const front = stack !== null && reading.layers.some((layer) => layer.role !== 'app' && layer.names.includes(stack));
  return { status: answer.status, edge: edgeAnswer(answer.headers, answer.status), stack, front };
}
