// The detail's words for engine codes, as a junior developer would say them: "after redirect 1"
// rather than "hop 1", "Not needed" rather than "Skipped" (cookies: `cookiesWords` in the engine). Only
// wording: the engine's data is read, never changed.

import { afterRedirect, isRedirectHop, type Check, type Diagnosis, type ObservedExchange, type ServerMustSend } from '../../cors/index.ts';

// The engine words hops for its fix snippets too: one wording for both.
export { afterRedirect };

const ON_WORDS: Record<ServerMustSend['on'] | Check['phase'], string> = {
  preflight: 'Preflight response (OPTIONS)',
  response: 'Response',
  redirect: 'Redirect response',
  request: 'Request',
};

/** "Preflight response (OPTIONS)", "Response after redirect 1". */
export function onWords(on: ServerMustSend['on'] | Check['phase'], hop: number): string {
  const after = afterRedirect(hop);
  return after ? `${ON_WORDS[on]} ${after}` : ON_WORDS[on];
}

/** One group of what the server must send: on which response, and the lines as they go on the wire. */
export interface MustSendGroup {
  title: string;
  lines: string[];
}

export function mustSendGroups(mustSend: readonly ServerMustSend[]): MustSendGroup[] {
  const groups = new Map<string, MustSendGroup>();
  for (const m of mustSend) {
    const key = `${m.on}\n${m.hop}`;
    let group = groups.get(key);
    if (!group) {
      group = { title: onWords(m.on, m.hop), lines: [] };
      groups.set(key, group);
    }
    group.lines.push(m.kind === 'status' ? `HTTP status ${m.value}` : `${m.header}: ${m.value}`);
  }
  return [...groups.values()];
}

/** "Access-Control-Allow-Headers" from the engine's lower-case `access-control-allow-headers`. */
export function headerDisplayName(lower: string): string {
  return lower.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** What failed, in one line: where, which header, what was sent and what was needed. */
export interface WhatFailed {
  where: string;
  /** The header's display name; null for a check that reads no header (the network). */
  header: string | null;
  /** What the server sent; null when the header was absent, undefined when the check has no value. */
  found: string | null | undefined;
  /** A value that would have passed, when the engine knows one. */
  needed: string | undefined;
}

/**
 * The check the browser stopped at, worded; null when nothing failed. `exchange` (the one diagnosed)
 * tells a redirect from the final response: the engine checks both in the response phase, and the
 * lines to send under it say "Redirect response" (`ServerMustSend.on`), as this line must too, or
 * the header goes on the final response only, the very mistake that blocked it.
 */
export function whatFailed(diagnosis: Diagnosis, exchange?: ObservedExchange): WhatFailed | null {
  const at = diagnosis.failedAt;
  const failed = diagnosis.checks.filter((c) => c.outcome === 'failed');
  const check = (at ? failed.find((c) => c.hop === at.hop && c.phase === at.phase) : undefined) ?? failed[0];
  if (!check) return null;
  if (check.name === 'local-network-access') {
    // Local Network Access compares address spaces, not a header with a value: say which is which.
    return {
      where: onWords(check.phase, check.hop),
      header: null,
      found: check.found === undefined ? undefined : `server on ${check.found ?? 'an unknown'} address space`,
      needed: check.expected === undefined ? undefined : `${check.expected} like the page, or the user's permission on an https page`,
    };
  }
  const phase = check.phase === 'response' && exchange !== undefined && isRedirectHop(exchange, check.hop) ? 'redirect' : check.phase;
  return {
    where: onWords(phase, check.hop),
    header: check.header ? headerDisplayName(check.header) : null,
    found: check.found,
    needed: neededOf(diagnosis, check),
  };
}

/**
 * The value that would have passed `check`, as the panel says it wherever it marks the check's
 * header (the what-failed line, the header line under "Server answered"): the check's own expected
 * value, but for Allow-Origin against the `null` of a tainted origin, where that is no advice.
 */
export function neededOf(diagnosis: Diagnosis, check: Check): string | undefined {
  return taintedOriginCheck(diagnosis, check) ? taintedNeed(diagnosis) : check.expected;
}

/**
 * An Allow-Origin check that failed against `null` after a redirect to another origin tainted the
 * request's origin (https://fetch.spec.whatwg.org/#concept-request-tainted-origin). "Needed null"
 * would read as advice to allow null, which lets every sandboxed or opaque origin in.
 */
function taintedOriginCheck(diagnosis: Diagnosis, check: Check): boolean {
  return check.header === 'access-control-allow-origin' && check.expected === 'null' && check.hop > 0 && (diagnosis.requestOrigins[0] ?? 'null') !== 'null';
}

/** What passes there instead: `*` without credentials; with them nothing the server may send. */
function taintedNeed(diagnosis: Diagnosis): string {
  return diagnosis.credentialsMode === 'include'
    ? 'a request without the cross-origin redirect (the browser sent Origin: null, and only null would match)'
    : '* (the browser sent Origin: null after the cross-origin redirect; never allow null)';
}

/** "9 checks passed, 2 not needed": what the fold holds. */
export function foldedChecksCount(checks: readonly Check[]): string {
  const passed = checks.filter((c) => c.outcome === 'passed').length;
  const skipped = checks.filter((c) => c.outcome === 'skipped').length;
  const parts = [passed > 0 ? `${passed} ${passed === 1 ? 'check' : 'checks'} passed` : '', skipped > 0 ? `${skipped} not needed` : ''].filter(Boolean);
  return parts.join(', ');
}
