// The ordering traps, recognised from the exchange the engine diagnosed: not new verdicts, but the
// reason behind one (an auth layer answering the preflight, no OPTIONS route, an error response
// without the headers, a redirect on the preflight, an origin configured with a path, a dev proxy
// that kept its Host). Each is data (its kind and what showed it); the words come from TRAP_WORDS,
// for the stack the headers name.

import type { Diagnosis } from '../../diagnosis.ts';
import type { ObservedExchange } from '../../exchange.ts';
import { headerLines, headerLinesJoined } from '../../header-list.ts';
import { parseUrl } from '../../origin.ts';
import { isRedirectStatus, responseLocation } from '../../redirect.ts';
import type { Fix, LayerName, ServerStack, StackReading, Trap, TrapKind } from '../explanation.ts';
import { escapeControls } from '../escape.ts';
import { explainFacts } from '../facts.ts';
import { TRAP_WORDS } from './trap-words.ts';
import { isServerStack } from './read-layers.ts';
import { edgeAnswer } from './edge-answer.ts';
import { fixOrder } from './stack-reading.ts';

/**
 * The trap's words for `stack` (its own fix), else for any server. `seen` is the capture's (a
 * Location, an Access-Control-Allow-Origin, a Server line): its controls are shown as escapes
 * (`\u000A`), as the explanation shows them, so the words stay one paragraph.
 */
function trapText(kind: TrapKind, seen: string, stack: ServerStack | null): string {
  const words = TRAP_WORDS[kind];
  const own = stack === null ? undefined : words.stacks[stack];
  const quoted = escapeControls(seen);
  return own === undefined ? words.any(quoted) : `${words.any(quoted)} ${own}`;
}

/** What showed each trap on this exchange: [kind, seen]. */
function trapsSeen(diagnosis: Diagnosis, exchange: ObservedExchange): [TrapKind, string][] {
  const facts = explainFacts(diagnosis, exchange);
  const hop = facts.hopData;
  const out: [TrapKind, string][] = [];
  const preflight = hop?.preflight?.response ?? null;
  if (diagnosis.verdict === 'blocked' && preflight !== null && diagnosis.failedAt?.phase === 'preflight') {
    const status = preflight.status;
    // A CDN in front that answered itself: no server's auth or routes saw the OPTIONS (reason-text.ts says where to fix it).
    const edge = edgeAnswer(preflight.headers, status) !== null;
    if (!edge && (status === 401 || status === 403)) out.push(['auth-before-preflight', String(status)]);
    if (!edge && (status === 404 || status === 405 || status === 501)) out.push(['options-not-routed', String(status)]);
    if (isRedirectStatus(status)) {
      const location = responseLocation(preflight);
      const redirect = location === null ? null : redirectKind(hop!.preflight!.url, location);
      if (redirect !== null) out.push([redirect, location!]);
    }
  }
  // An error status explains a CORS failure only when the error answer lacked the header: one that
  // carries a wrong Access-Control-Allow-Origin was not sent around the CORS layer.
  const error = diagnosis.errorResponse;
  if (diagnosis.verdict === 'blocked' && error !== null && error.phase === 'response' && error.status >= 400 && diagnosis.corsError === 'MissingAllowOriginHeader') {
    out.push(['error-without-cors', String(error.status)]);
  }
  // Two layers show as two header lines; one line holding a list ("a, b") is one layer's list.
  const twoValues = diagnosis.corsError === 'MultipleAllowOriginValues' ? hop?.response : diagnosis.corsError === 'PreflightMultipleAllowOriginValues' ? preflight : null;
  if (twoValues && headerLines(twoValues.headers, 'access-control-allow-origin').length > 1) {
    out.push(['two-layers-allow-origin', '']);
  }
  const withPath = allowOriginWithPath(diagnosis, exchange);
  if (withPath !== null) out.push(['origin-with-path', withPath]);
  const proxied = devProxyAnswer(exchange, facts.pageOrigin);
  if (proxied !== null) out.push(['dev-proxy-host', proxied]);
  return out;
}

/** Same URL but for the trailing slash, or http to https: the usual redirects on a preflight. */
function redirectKind(from: string, location: string): TrapKind | null {
  const a = parseUrl(from);
  const b = parseUrl(location, from);
  if (a === null || b === null) return null;
  if (a.protocol === 'http:' && b.protocol === 'https:' && a.hostname === b.hostname) return 'preflight-redirect-https';
  const trim = (p: string): string => p.replace(/\/+$/, '');
  if (a.origin === b.origin && a.pathname !== b.pathname && trim(a.pathname) === trim(b.pathname)) return 'preflight-redirect-slash';
  return null;
}

/** An Allow-Origin that is the request's origin plus a slash or a path (`https://app.example/`). */
function allowOriginWithPath(diagnosis: Diagnosis, exchange: ObservedExchange): string | null {
  if (diagnosis.corsError !== 'AllowOriginMismatch' && diagnosis.corsError !== 'PreflightAllowOriginMismatch') return null;
  const found = diagnosis.checks.find((c) => c.outcome === 'failed' && c.header === 'access-control-allow-origin')?.found;
  if (typeof found !== 'string') return null;
  const origin = explainFacts(diagnosis, exchange).hopOrigin;
  const value = found.trim();
  return value.length > origin.length && value.startsWith(origin) && value[origin.length] === '/' ? value : null;
}

// Dev servers run on the developer's own machine.
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A request to the page's own origin on a local dev server that another server answered (its
 * headers name a front server or platform) with a routing status: the dev proxy kept its Host.
 */
function devProxyAnswer(exchange: ObservedExchange, pageOrigin: string): string | null {
  const hop = exchange.hops[0];
  const response = hop?.response ?? null;
  // The status first: parsing URLs costs more than every other check here.
  if (response === null || ![403, 404, 421].includes(response.status)) return null;
  const page = parseUrl(pageOrigin);
  const url = parseUrl(hop!.url);
  if (page === null || url === null || url.origin !== page.origin || !LOCAL_HOSTS.has(page.hostname)) return null;
  const server = headerLinesJoined(response.headers, 'server');
  const platform = ['cf-ray', 'x-vercel-id', 'x-amz-cf-id', 'x-served-by', 'x-nf-request-id'].some((name) => headerLinesJoined(response.headers, name) !== null);
  // Vite and webpack-dev-server send no Server line of their own: one there came from behind the proxy.
  return server !== null || platform ? `${response.status}${server !== null ? ` (Server: ${server})` : ''}` : null;
}

/**
 * The traps of this exchange, each worded for the stack whose fix comes first; when the reading
 * could not tell layers apart, once for each of them (both fixes).
 */
export function trapsOf(diagnosis: Diagnosis, exchange: ObservedExchange, reading: StackReading): Trap[] {
  const seenTraps = trapsSeen(diagnosis, exchange);
  // Most exchanges show none: no stacks to work out for their words.
  if (seenTraps.length === 0) return [];
  const undecided = reading.undecided.filter(isServerStack);
  const stacks: (ServerStack | null)[] = reading.primary !== null ? [reading.primary] : undecided.length > 0 ? undecided : [fixOrder(reading)[0] ?? null];
  return seenTraps.flatMap(([kind, seen]): Trap[] => {
    if (kind === 'two-layers-allow-origin') return [twoLayers(reading)];
    const own = kind === 'dev-proxy-host' ? [] : stacks.filter((s): s is ServerStack => s !== null && TRAP_WORDS[kind].stacks[s] !== undefined);
    if (own.length === 0) return [{ kind, seen, stack: null, text: trapText(kind, seen, null) }];
    return own.map((stack) => ({ kind, seen, stack, text: trapText(kind, seen, stack) }));
  });
}

/**
 * The layers that sent the copies of Access-Control-Allow-Origin, as the attribution names them,
 * and whether each copy's sender is decided.
 */
export function allowOriginSenders(reading: StackReading): { senders: LayerName[]; decided: boolean } {
  const copies = reading.headers.filter((h) => h.duplicate);
  return { senders: [...new Set(copies.flatMap((h) => h.setBy))], decided: copies.every((h) => h.setBy.length === 1) };
}

/**
 * Two copies of Access-Control-Allow-Origin: which layers sent them (from the attribution), and
 * how each of them stops. Undecided copies name every layer they could be from.
 */
function twoLayers(reading: StackReading): Trap {
  const { senders, decided } = allowOriginSenders(reading);
  const seen = senders.length === 0 ? 'two layers the headers do not name' : decided ? senders.join(' and ') : `two of ${senders.join(', ')} (the lines do not tell which)`;
  const words = TRAP_WORDS['two-layers-allow-origin'];
  // Each sender's way to stop, Cloudflare's too (a layer the reading otherwise passes over).
  const how = senders.map((s) => (Object.hasOwn(words.stacks, s) ? words.stacks[s as ServerStack] : undefined)).filter((w): w is string => w !== undefined);
  const stack = decided && senders.length === 2 ? reading.primary : null;
  return { kind: 'two-layers-allow-origin', seen, stack, text: [words.any(seen), ...how].join(' ') };
}

/**
 * A trap's words for the fix written for `target`: its stack's own. For two copies of
 * Access-Control-Allow-Origin, the fix sets the header in its own layer, so its words are how each
 * other layer that sent a copy stops sending it (its own layer's "remove it" would undo the fix).
 */
function wordsForFix(kind: TrapKind, target: ServerStack, reading: StackReading | undefined): string[] {
  const words = TRAP_WORDS[kind].stacks;
  // By the fix's target, not the reading: a stack the reading passes over (Cloudflare) still has its words when picked.
  if (kind !== 'two-layers-allow-origin' || reading === undefined) return Object.hasOwn(words, target) && words[target] !== undefined ? [words[target]] : [];
  const others = allowOriginSenders(reading).senders.filter((s): s is ServerStack => s !== target && Object.hasOwn(words, s));
  return others.map((s) => words[s]).filter((w): w is string => w !== undefined);
}

/** The words `fixesWithTraps` puts before a fix's own trap, joined. */
function trapWordsOfFix(fix: Fix, traps: readonly Trap[], reading: StackReading | undefined): string | null {
  if (traps.length === 0) return null;
  const unique = [...new Set(traps.flatMap((t) => wordsForFix(t.kind, fix.target as ServerStack, reading)))];
  return unique.length === 0 ? null : unique.join(' ');
}

/** Each stack fix with its words for the traps seen put first in its `trap`. */
export function fixesWithTraps(fixes: readonly Fix[], traps: readonly Trap[], reading?: StackReading): Fix[] {
  if (traps.length === 0) return [...fixes];
  return fixes.map((fix) => {
    const words = trapWordsOfFix(fix, traps, reading);
    return words === null ? fix : { ...fix, trap: [words, fix.trap].filter((t) => t !== undefined).join(' ') };
  });
}

/**
 * The traps an output shows beside the explanation, which does not say them: two copies of
 * Access-Control-Allow-Origin, and which layers sent them (the others' words are the explanation's
 * own, and their stack's fix words are in the fix).
 */
export function trapsBesideExplanation(traps: readonly Trap[] | undefined): Trap[] {
  return (traps ?? []).filter((t) => t.kind === 'two-layers-allow-origin');
}

/**
 * A fix's trap without the words an output already showed in `trapsBesideExplanation` (each
 * sender's way to stop is in the trap's text): the fix's own trap, and the other traps' words.
 */
export function fixTrapBesideTraps(fix: Fix, traps: readonly Trap[] | undefined, reading: StackReading | undefined): string | undefined {
  const shown = trapsBesideExplanation(traps);
  if (shown.length === 0 || fix.trap === undefined) return fix.trap;
  const all = trapWordsOfFix(fix, traps ?? [], reading);
  const rest = trapWordsOfFix(fix, (traps ?? []).filter((t) => !shown.includes(t)), reading);
  if (all === null || !fix.trap.startsWith(all)) return fix.trap;
  const trap = [rest, fix.trap.slice(all.length).trim()].filter((t) => t !== null && t !== '').join(' ');
  return trap === '' ? undefined : trap;
}
