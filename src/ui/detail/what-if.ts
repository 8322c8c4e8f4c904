// "What if the server sent…": a captured exchange with some responses' status and headers edited, for
// the engine to judge again. Pure data: nothing is sent, and the captured exchange is never changed
// (every function returns new arrays and objects; the store's exchange is only read).

import { isRedirectResponse, type Diagnosis, type HeaderLine, type HeaderList, type ObservedExchange, type ObservedHop, type ObservedResponse, type ServerMustSend, type ServerShouldSend } from '../../cors/index.ts';

/** A message whose headers can be edited: the preflight's response, or the response, at one hop. */
export interface WhatIfTarget {
  on: 'preflight' | 'response';
  hop: number;
}

/** One response as edited: a status and header lines (a line with an empty name is ignored). */
export interface EditedMessage {
  status: number;
  headers: readonly HeaderLine[];
}

/** The edits, by `targetKey`. */
export type WhatIfEdits = Readonly<Record<string, EditedMessage>>;

export interface TargetChoice extends WhatIfTarget {
  /**
   * What the capture holds; null for a response that was never received because the request was
   * never sent (its preflight failed): the simulation then assumes one (`assumedResponse`).
   */
  captured: ObservedResponse | null;
}

// Chromium's error text for a request it blocked for CORS: in a simulation the verdict is the
// engine's to find again, so this text (which would contradict an allowed verdict) is dropped;
// any other error text (refused, reset, DNS) is a fact of the network and stays.
const CORS_FAILURE_TEXT = 'net::ERR_FAILED';

export function targetKey(target: WhatIfTarget): string {
  return `${target.on}:${target.hop}`;
}

/** The messages of `exchange` that can be edited, in wire order. */
export function whatIfTargets(exchange: ObservedExchange): TargetChoice[] {
  const out: TargetChoice[] = [];
  exchange.hops.forEach((hop, i) => {
    const preflight = hop.preflight?.response ?? null;
    if (preflight !== null) out.push({ on: 'preflight', hop: i, captured: preflight });
    if (hop.response !== null) out.push({ on: 'response', hop: i, captured: hop.response });
    else if (preflight !== null && !networkFailed(exchange)) out.push({ on: 'response', hop: i, captured: null });
  });
  return out;
}

function networkFailed(exchange: ObservedExchange): boolean {
  return exchange.errorText !== undefined && exchange.errorText !== CORS_FAILURE_TEXT;
}

const CARRIED_FROM_PREFLIGHT = new Set(['access-control-allow-origin', 'access-control-allow-credentials', 'vary']);

/**
 * The response a request never sent would get, for the simulation to go on past its preflight:
 * 200, with the preflight's Allow-Origin, Allow-Credentials and Vary (servers usually send the
 * same on both). The screen says it is assumed, and it can be edited like any other.
 */
function assumedResponse(preflight: EditedMessage): EditedMessage {
  return { status: 200, headers: preflight.headers.filter(([name]) => CARRIED_FROM_PREFLIGHT.has(name.toLowerCase())) };
}

/** The message as the simulation sees it: edited, else captured, else assumed from the (edited) preflight. */
export function messageOf(exchange: ObservedExchange, edits: WhatIfEdits, target: WhatIfTarget): EditedMessage | null {
  const edited = edits[targetKey(target)];
  if (edited !== undefined) return edited;
  const hop = exchange.hops[target.hop];
  if (hop === undefined) return null;
  if (target.on === 'preflight') return hop.preflight?.response ?? null;
  if (hop.response !== null) return hop.response;
  const choice = whatIfTargets(exchange).find((t) => t.on === 'response' && t.hop === target.hop);
  if (choice === undefined) return null;
  const preflight = messageOf(exchange, edits, { on: 'preflight', hop: target.hop });
  return preflight === null ? null : assumedResponse(preflight);
}

function asResponse(message: EditedMessage, captured: ObservedResponse | null | undefined): ObservedResponse {
  const response: ObservedResponse = { status: message.status, headers: message.headers.filter(([name]) => name.trim() !== '').map(([name, value]) => [name.trim(), value] as const) };
  // Where a redirect pointed, when the capture recorded it apart from the headers: no line to edit,
  // so the edited redirect still leads there (a `Location` line added in the edit comes first).
  if (captured?.locationUrl !== undefined) response.locationUrl = captured.locationUrl;
  return response;
}

/**
 * A copy of `exchange` with the edits in place, for the engine. Untouched parts are shared (they are
 * never written to); every object on the path to an edit is new. The browser's own verdict goes:
 * it was about the captured headers. `assume`: a response never received is filled in
 * (`assumedResponse`) unless edited.
 */
export function simulatedExchange(exchange: ObservedExchange, edits: WhatIfEdits, assume = true): ObservedExchange {
  const choices = whatIfTargets(exchange);
  const hops = exchange.hops.map((hop, i): ObservedHop => {
    let copy: ObservedHop = hop;
    const preflight = hop.preflight;
    const preflightEdit = edits[targetKey({ on: 'preflight', hop: i })];
    if (preflight !== undefined && preflightEdit !== undefined && preflight.response !== null) {
      copy = { ...copy, preflight: { ...preflight, response: asResponse(preflightEdit, preflight.response) } };
    }
    const responseTarget = { on: 'response', hop: i } as const;
    const assumed = assume && hop.response === null && choices.some((t) => t.on === 'response' && t.hop === i);
    if (edits[targetKey(responseTarget)] !== undefined || assumed) {
      const message = messageOf(exchange, edits, responseTarget);
      if (message !== null) copy = { ...copy, response: asResponse(message, hop.response) };
    }
    return copy;
  });
  const { browserVerdict: _captured, errorText, ...rest } = exchange;
  const request = assumesFollow(exchange) ? { ...exchange.request, redirectMode: 'follow' as const } : { ...exchange.request };
  return { ...rest, request, hops, ...(errorText !== undefined && errorText !== CORS_FAILURE_TEXT ? { errorText } : {}) };
}

/**
 * Whether the simulation must say which redirect mode it follows. A capture that stops at a 3xx the
 * browser blocked does not tell the page's redirect mode (the CORS check on a 3xx comes before the
 * mode is applied), and without its error text the engine would read the stop as "manual" (the page
 * got the redirect). The simulation follows it instead, as fetch() does by default
 * (https://fetch.spec.whatwg.org/#concept-request-redirect-mode): the redirect then passes or fails
 * its own checks, and the next URL, not captured, is said to be unknown.
 */
export function assumesFollow(exchange: ObservedExchange): boolean {
  const last = exchange.hops[exchange.hops.length - 1]?.response;
  return exchange.request.redirectMode === undefined && exchange.errorText === CORS_FAILURE_TEXT && isRedirectResponse(last, false);
}

export interface Simulation {
  exchange: ObservedExchange;
  diagnosis: Diagnosis;
  /** Whether the verdict rests on a response assumed for a request never sent. */
  assumedResponse: boolean;
}

/**
 * The engine's verdict on the edited copy. A request is sent only once its preflight passes, so the
 * copy is first judged as captured (no response where none came): a preflight that still fails is
 * the answer. Otherwise the response never received is assumed, and the copy judged again.
 */
export function simulate(exchange: ObservedExchange, edits: WhatIfEdits, diagnose: (exchange: ObservedExchange) => Diagnosis): Simulation {
  const asCaptured = simulatedExchange(exchange, edits, false);
  const first = diagnose(asCaptured);
  const unsent = whatIfTargets(exchange).some((t) => t.on === 'response' && t.captured === null && edits[targetKey(t)] === undefined);
  if (!unsent || (first.verdict === 'blocked' && first.failedAt?.phase === 'preflight')) return { exchange: asCaptured, diagnosis: first, assumedResponse: false };
  const assumed = simulatedExchange(exchange, edits, true);
  return { exchange: assumed, diagnosis: diagnose(assumed), assumedResponse: true };
}

// Editing one header list. Each returns a new list.

export function addHeader(list: readonly HeaderLine[], name = '', value = ''): HeaderLine[] {
  return [...list, [name, value]];
}

export function changeHeader(list: readonly HeaderLine[], index: number, name: string, value: string): HeaderLine[] {
  return list.map((line, i) => (i === index ? [name, value] : line));
}

export function removeHeader(list: readonly HeaderLine[], index: number): HeaderLine[] {
  return list.filter((_, i) => i !== index);
}

/** `name: value` in place of every line of that name (case-insensitive), where the first one was, or at the end. */
export function setHeader(list: HeaderList, name: string, value: string): HeaderLine[] {
  const lower = name.toLowerCase();
  const at = list.findIndex(([n]) => n.toLowerCase() === lower);
  if (at === -1) return addHeader(list, name, value);
  return list.flatMap((line, i): HeaderLine[] => (i === at ? [[name, value]] : line[0].toLowerCase() === lower ? [] : [line]));
}

/** The edits with `message` for `target`. */
export function withEdit(edits: WhatIfEdits, target: WhatIfTarget, message: EditedMessage): WhatIfEdits {
  return { ...edits, [targetKey(target)]: message };
}

function mustSendTarget(m: ServerMustSend | ServerShouldSend): WhatIfTarget {
  // A redirect response is the response at its hop.
  return { on: m.on === 'preflight' ? 'preflight' : 'response', hop: m.hop };
}

/**
 * The engine's lines written into the messages they are for: "apply the suggested fix". The fix
 * snippets set the advised Vary too, so the caller passes serverShouldSend after serverMustSend.
 */
export function applyMustSend(exchange: ObservedExchange, edits: WhatIfEdits, mustSend: readonly (ServerMustSend | ServerShouldSend)[]): WhatIfEdits {
  let out = edits;
  for (const m of mustSend) {
    // The header an older Chromium's Private Network Access code named: advice for that browser, which
    // Chromium 156 ignores. The simulation judges as the current engine does, so the fix it applies
    // is what that engine checks; set, it would also be listed as "must send (as edited)".
    if ('advice' in m && m.advice === 'private-network-access') continue;
    const target = mustSendTarget(m);
    const message = messageOf(exchange, out, target);
    if (message === null) continue;
    const isStatus = 'kind' in m && m.kind === 'status';
    const status = isStatus ? Number(m.value) : message.status;
    const headers = isStatus ? [...message.headers] : setHeader(message.headers, m.header, m.value);
    out = withEdit(out, target, { status: Number.isInteger(status) ? status : message.status, headers });
  }
  return out;
}

const POLICY_HEADER = /^access-control-/i;

/**
 * The edited messages as "the server must send": each edited message's CORS headers, and its status
 * when it is not the captured one. What the server has to send for the simulated verdict. Apart, as
 * advice (no browser checks it), each edited `Vary` that names Origin.
 */
export function sendsFromEdits(exchange: ObservedExchange, edits: WhatIfEdits): { must: ServerMustSend[]; should: ServerShouldSend[] } {
  const must: ServerMustSend[] = [];
  const should: ServerShouldSend[] = [];
  for (const target of whatIfTargets(exchange)) {
    const edited = edits[targetKey(target)];
    if (edited === undefined) continue;
    const on = target.on === 'preflight' ? 'preflight' : 'response';
    if (target.captured === null || edited.status !== target.captured.status) {
      must.push({ on, hop: target.hop, header: 'Status', value: String(edited.status), kind: 'status' });
    }
    for (const [name, value] of edited.headers) {
      if (POLICY_HEADER.test(name.trim())) must.push({ on, hop: target.hop, header: name.trim(), value });
      else if (/^vary$/i.test(name.trim()) && /(^|,)\s*origin\s*(,|$)/i.test(value)) should.push({ on, hop: target.hop, header: name.trim(), value, advice: 'vary-origin' });
    }
  }
  return { must, should };
}
