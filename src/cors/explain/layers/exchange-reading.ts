// The stack reading of an exchange: the failing hop's preflight and response read together (one
// may decide what the other cannot), focused on the header the browser's failed check read.

import type { Diagnosis } from '../../diagnosis.ts';
import type { ObservedExchange } from '../../exchange.ts';
import type { StackReading } from '../explanation.ts';
import { explainFacts } from '../facts.ts';
import { type ResponseSeen, readStack } from './stack-reading.ts';

// explain() is often called twice on one diagnosis (the first fix, then all): read once.
const READ = new WeakMap<Diagnosis, { exchange: ObservedExchange; reading: StackReading }>();

export function stackReadingOf(diagnosis: Diagnosis, exchange: ObservedExchange): StackReading {
  const known = READ.get(diagnosis);
  if (known?.exchange === exchange) return known.reading;
  const reading = readExchange(diagnosis, exchange);
  READ.set(diagnosis, { exchange, reading });
  return reading;
}

function readExchange(diagnosis: Diagnosis, exchange: ObservedExchange): StackReading {
  const hop = exchange.hops[explainFacts(diagnosis, exchange).hop];
  const seen: ResponseSeen[] = [];
  const preflight = hop?.preflight?.response;
  if (preflight) seen.push({ on: 'preflight', headers: preflight.headers, status: preflight.status });
  if (hop?.response) seen.push({ on: 'response', headers: hop.response.headers, status: hop.response.status });
  const failed = diagnosis.checks.find((c) => c.outcome === 'failed');
  // A failure without a header (a status, a redirect) is about who answered: Allow-Origin's setter.
  const focus = failed?.header ?? 'access-control-allow-origin';
  const focusOn = diagnosis.failedAt === null ? null : diagnosis.failedAt.phase === 'preflight' ? 'preflight' : 'response';
  return readStack(seen, focus, focusOn);
}
