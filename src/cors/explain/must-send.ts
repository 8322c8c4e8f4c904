// Exactly what the server must send, on which response, for the browser to accept the exchange.
// Each entry restates a step of https://fetch.spec.whatwg.org/#concept-cors-check or
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 in terms of the values of this exchange.
// Beside it, apart, what the browser never checks but the server should send (`Vary: Origin`).

import { corsErrorFacts } from '../cors-errors/index.ts';
import type { CorsError } from '../cors-error.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange } from '../exchange.ts';
import type { ServerMustSend, ServerShouldSend } from './explanation.ts';
import { headerLinesJoined } from '../header-list.ts';
import { isRedirectHop, responseLocation } from '../redirect.ts';
import { explainFacts } from './facts.ts';
import { fixMethods, listsMethods, neededPolicy } from './policy.ts';
import { httpValue, stripControls } from './escape.ts';
import { leftOutNamesWords } from './fixes/context.ts';
import { leftOutNames, snippetOrigin } from './snippet-values.ts';

/**
 * The value Access-Control-Allow-Origin must carry: the origin the browser sent at that hop. When
 * that is `null` (an opaque page, or a cross-origin redirect tainted the request's origin), `*`
 * passes without credentials and trusts no sandboxed page more than anyone else. With credentials
 * only `null` itself would pass, and every sandboxed iframe, data: and file: document sends that same
 * `null`: credentials from an opaque origin cannot be allowed safely, so no value is advised (null);
 * the page must have a real origin, or call the final URL instead of the redirect.
 */
function allowOriginValue(origin: string, credentials: boolean): string | null {
  if (origin === 'null') return credentials ? null : '*';
  return snippetOrigin(origin).value;
}

/** Whether a response already passes https://fetch.spec.whatwg.org/#concept-cors-check. */
export function passesCorsCheck(headers: HeaderList, origin: string, credentials: boolean): boolean {
  const lines = headers.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin');
  if (lines.length !== 1) return false; // step 2: absent or several values fail
  const allow = (lines[0]?.[1] ?? '').trim();
  if (!credentials && allow === '*') return true; // step 3
  if (allow !== origin) return false; // step 4
  if (!credentials) return true; // step 5
  return headerLinesJoined(headers, 'access-control-allow-credentials')?.trim() === 'true'; // steps 6–7
}

/** `Location` without `user:password@`. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1');
}

/**
 * The header each Private Network Access code asked for, as the browser that reported it read it
 * (the Allow-External codes name the early experiment's header, not its later name).
 */
const PRIVATE_NETWORK_HEADER = {
  'allow-private-network': ['Access-Control-Allow-Private-Network', 'true'],
  'allow-external': ['Access-Control-Allow-External', 'true'],
  'private-network-access-id': ['Private-Network-Access-Id', 'the device ID, e.g. 01:23:45:67:89:0A'],
  'private-network-access-name': ['Private-Network-Access-Name', 'the device name, e.g. my-printer'],
} as const;

/**
 * The private-network line a request asked of the preflight answer at `hop` (the server its fix is
 * for): the header its older Chromium's Private Network Access code named, else
 * `Access-Control-Allow-Private-Network: true` when that hop's preflight carried
 * `Access-Control-Request-Private-Network: true` (only an older Chromium sends it; Chromium 156
 * neither sends it nor reads the answer's line), whatever else failed: a configuration written
 * over that answer must keep the line. Null when neither.
 * https://wicg.github.io/private-network-access/#cors-preflight
 */
export function privateNetworkLine(error: CorsError | null, exchange: ObservedExchange, hop: number): [header: string, value: string] | null {
  const mustSend = error === null ? null : corsErrorFacts(error).mustSend;
  if (mustSend === 'allow-private-network' || mustSend === 'allow-external' || mustSend === 'private-network-access-id' || mustSend === 'private-network-access-name') {
    const [header, value] = PRIVATE_NETWORK_HEADER[mustSend];
    return [header, value];
  }
  const preflight = exchange.hops[hop]?.preflight;
  const asked = preflight === undefined ? null : headerLinesJoined(preflight.requestHeaders, 'access-control-request-private-network');
  return asked !== null && asked.trim().toLowerCase() === 'true' ? ['Access-Control-Allow-Private-Network', 'true'] : null;
}

/** What the browser checks, then what it does not check but the server should send. */
export interface ServerSends {
  must: ServerMustSend[];
  should: ServerShouldSend[];
}

export function serverMustSend(diagnosis: Diagnosis, exchange: ObservedExchange): ServerMustSend[] {
  return serverSends(diagnosis, exchange).must;
}

/** The words for one piece of advice: why the server should send it though the browser does not check it. */
export function shouldSendWords(advice: ServerShouldSend['advice']): string {
  switch (advice) {
    case 'vary-origin':
      return 'The browser does not check it; caches (browser, CDN, proxy) need it, so an answer that allows one origin is not served to another.';
    case 'private-network-access':
      return "The Private Network Access header is read only by the older Chromium this capture comes from; Chromium 156 (Local Network Access) ignores it: there the page must be served over https and the user must allow local network access for the site, which no response header replaces.";
  }
}

/**
 * Why a line this request does not need is in what the server must send (`ServerMustSend.kept`):
 * said beside the list wherever it is shown (explain's text, the report, the panel), so that
 * `Access-Control-Allow-Credentials: true` next to "cookies not sent" does not read as a mistake.
 * Null when no line is kept.
 */
export function keptFromServerNote(mustSend: readonly ServerMustSend[]): string | null {
  if (!mustSend.some((m) => m.kept === 'server')) return null;
  return 'Access-Control-Allow-Credentials: true is not needed by this request as read (without credentials): it is kept because the server already sends it, which its requests with credentials need.';
}

// The must-send lines that list header names: where a placeholder name can stand.
const NAME_LISTS = new Set(['Access-Control-Allow-Headers', 'Access-Control-Expose-Headers']);

/**
 * What the placeholders among the header names of what the server must send stand for
 * (`REDACTED-TOKEN-1 is not a real header name: ...`, `leftOutNamesWords`), said beside the list
 * wherever it is shown, as a snippet's note says it (session 39: the line had no such note). Null
 * when the lines hold none.
 */
export function leftOutFromServerNote(mustSend: readonly ServerMustSend[]): string | null {
  const names = mustSend.filter((m) => m.kind !== 'status' && NAME_LISTS.has(m.header)).flatMap((m) => m.value.split(',').map((name) => name.trim()));
  const words = leftOutNamesWords(leftOutNames(names));
  return words === null ? null : `${words}.`;
}

export function serverSends(diagnosis: Diagnosis, exchange: ObservedExchange): ServerSends {
  const error = diagnosis.corsError;
  if (diagnosis.verdict !== 'blocked' || error === null) return { must: [], should: [] };
  const facts = explainFacts(diagnosis, exchange);
  const policy = neededPolicy(diagnosis, exchange);
  const hop = facts.hop;
  const origin = allowOriginValue(facts.hopOrigin, policy.credentials);
  const out: ServerMustSend[] = [];
  const should: ServerShouldSend[] = [];
  const add = (on: ServerMustSend['on'], header: string, value: string, kind?: 'status'): void => {
    // The server's own `true`, kept though this request went without credentials (`keptFromServerNote`).
    const kept = header === 'Access-Control-Allow-Credentials' && policy.credentialsKept === true;
    out.push({ on, hop, header, value: httpValue(value), ...(kind ? { kind } : {}), ...(kept ? { kept: 'server' as const } : {}) });
  };

  // A redirect is checked like any response before the browser follows it; a 304 or 300 is no
  // redirect, and the header belongs on it as on any final response.
  const actualOn: ServerMustSend['on'] = isRedirectHop(exchange, hop) ? 'redirect' : 'response';
  const onActualResponse = (): void => {
    if (origin === null) return; // not reached: see above
    add(actualOn, 'Access-Control-Allow-Origin', origin);
    if (policy.credentials) add(actualOn, 'Access-Control-Allow-Credentials', 'true');
    // A response that depends on Origin should say so, or a cache may serve it to another origin.
    // The browser's CORS check never reads Vary: advice, kept apart from what the browser requires.
    if (origin !== '*') should.push({ on: actualOn, hop, header: 'Vary', value: 'Origin', advice: 'vary-origin' });
  };

  /** A 2xx preflight answer with the needed policy, then the actual response's headers unless it already passes. */
  const corsPreflight = (preflight: { status: number } | null | undefined): void => {
    if (!preflight || preflight.status < 200 || preflight.status > 299) add('preflight', 'Status', '204', 'status');
    if (origin !== null) add('preflight', 'Access-Control-Allow-Origin', origin);
    if (policy.credentials) add('preflight', 'Access-Control-Allow-Credentials', 'true');
    // The whole value to send, as every fix writes it (`fixMethods`): GET, HEAD and POST, then the
    // methods the request needs; or the server's own list when it sent one the browser could not
    // parse, what it meant, comma-separated. A line naming only the missing method read as another
    // value than the fixes' for the same header.
    if (listsMethods(policy)) add('preflight', 'Access-Control-Allow-Methods', fixMethods(policy).join(', '));
    if (policy.headers.length > 0) add('preflight', 'Access-Control-Allow-Headers', policy.headers.join(', '));
    // The actual request is checked again once the preflight passes.
    const actual = facts.hopData?.response;
    if (!actual || !passesCorsCheck(actual.headers, facts.hopOrigin, policy.credentials)) onActualResponse();
  };

  const mustSend = corsErrorFacts(error).mustSend;
  // `Origin: null` with credentials: no Access-Control-Allow-Origin passes but `null`, which would
  // trust every opaque origin. Methods, headers or credentials alone cannot make the hop pass (or pass
  // only by trusting null), so nothing is listed for it: the page must call the final URL (tainted)
  // or be served from a real origin (opaque).
  if (origin === null && (mustSend === 'actual-response' || mustSend === 'allow-credentials' || mustSend === 'preflight')) return { must: [], should: [] };
  switch (mustSend) {
    case 'actual-response':
      onActualResponse();
      break;
    case 'allow-credentials':
      add(actualOn, 'Access-Control-Allow-Credentials', 'true');
      break;
    case 'preflight':
      corsPreflight(facts.hopData?.preflight?.response);
      break;
    case 'location-without-credentials': {
      const location = responseLocation(facts.hopData?.response);
      add('redirect', 'Location', location ? withoutCredentials(stripControls(location)) : 'the same URL without user:password@');
      break;
    }
    case 'http-location':
      if (facts.hop > 0 || isRedirectHop(exchange, facts.hop)) add('redirect', 'Location', 'an http: or https: URL');
      break;
    case 'allow-private-network':
    case 'allow-external':
    case 'private-network-access-id':
    case 'private-network-access-name': {
      // An older Chromium's Private Network Access code. Chromium 156 reads none of these headers:
      // once the page is https and the user allowed it (no header replaces either), it checks the
      // CORS protocol alone, so what helps today is what that asks of this request (a preflight
      // only if CORS itself needs one: the older browser sent one for the private network alone).
      // The header the code named is advice for the older browser, apart (below).
      if (origin === null) return { must: [], should: [] }; // as above: nothing the server may send passes
      if (policy.preflight) {
        corsPreflight(facts.hopData?.preflight?.response);
      } else {
        const actual = facts.hopData?.response;
        if (!actual || !passesCorsCheck(actual.headers, facts.hopOrigin, policy.credentials)) onActualResponse();
      }
      break;
    }
    case 'nothing':
      // The page, the user or the network must change, not the server's headers.
      break;
  }
  // The private-network line an older Chromium asked of this server's preflight answer, whatever
  // failed first (a preflight without Allow-Origin asked for it too): the fix for that browser keeps
  // it, as advice apart, since Chromium 156 reads none. Only beside headers the server must send:
  // where nothing it sends lets the request through, no line does either.
  const line = out.length > 0 ? privateNetworkLine(error, exchange, hop) : null;
  if (line !== null) should.push({ on: 'preflight', hop, header: line[0], value: line[1], advice: 'private-network-access' });
  return { must: out, should };
}
