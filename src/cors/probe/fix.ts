// The fix a probe's report ends with. The named origin blocked: explain's fixes for its exchange
// (every header the server must send for it to pass, exactly that origin). Otherwise the fix for the
// findings: trust exactly the named origin, with `Vary: Origin`. Both are written with the engine's
// fix snippets for the server stack recognised in the answers (the same snippets the panel shows
// for a blocked request), then as plain headers for any server.

import type { ServerMustSend, Fix } from '../explain/explanation.ts';
import { explain, stacksOf } from '../explain/explain.ts';
import { buildFixes } from '../explain/fixes/index.ts';
import { neededPolicy } from '../explain/policy.ts';
import type { ProbeFinding } from './findings.ts';
import type { ProbeOutcome } from './outcome.ts';
import { OPAQUE_ORIGIN } from '../origin.ts';

/**
 * The fixes, stack first; none when the named origin passes and nothing was found. `credentials`
 * keeps credentials allowed for the named origin when the page uses them (`--credentials`) or the
 * server grants them to it today. `named` is the named origin's outcome as the report words it (a
 * report that redacts secrets passes its exchange redacted and judged again: `probe-secrets.ts`), so
 * the fix names each header once, as the rest of the report names it.
 */
export function probeFixes(named: ProbeOutcome, findings: readonly ProbeFinding[], credentials: boolean): Fix[] {
  // The explanation names the first check that failed only; the fix lists every header its answers
  // lack, and names exactly the named origin, which mends a finding about other origins as well.
  if (named.diagnosis.verdict === 'blocked') return explain(named.diagnosis, named.exchange).fixes.filter(deployed);
  if (findings.length === 0) return [];
  // Trusting exactly `null` would trust every sandboxed or opaque origin: no fix is written for it.
  if (named.probe.origin === OPAQUE_ORIGIN) return [];
  const { diagnosis, exchange } = named;
  const allowCredentials = credentials || named.grant.credentials;
  // Nothing asked to read a response header: exposing the ones the server happens to send (a CSRF
  // token, a session key) to the trusted origin would widen the policy, not fix it.
  const policy = { ...neededPolicy(diagnosis, exchange), origin: named.probe.origin, originReplaced: false, credentials: allowCredentials, expose: [] };
  const on = named.probe.preflight === null ? 'response' : 'preflight';
  const mustSend: ServerMustSend[] = [
    ...(['preflight', 'response'] as const)
      .filter((where) => where === 'response' || on === 'preflight')
      .flatMap((where): ServerMustSend[] => [
        { on: where, hop: 0, header: 'Access-Control-Allow-Origin', value: named.probe.origin },
        ...(allowCredentials ? [{ on: where, hop: 0, header: 'Access-Control-Allow-Credentials', value: 'true' }] : []),
        { on: where, hop: 0, header: 'Vary', value: 'Origin' },
      ]),
  ];
  // A policy fix for an origin the server does not name: the stack snippets that allow exactly one origin.
  const context = { policy, error: 'AllowOriginMismatch' as const, mustSend, errorStatus: null };
  return buildFixes(stacksOf(diagnosis, exchange), context, exchange.hops[0]!.url).filter(deployed);
}

/** Not a dev-proxy alternative: those avoid CORS in development, which fixes nothing deployed. */
const deployed = (fix: Fix): boolean => fix.target !== 'vite-proxy' && fix.target !== 'webpack-proxy';
