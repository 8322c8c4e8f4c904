// One whole exchange with its secrets replaced by placeholders: what every default export (bundle,
// Markdown report, HAR) starts from. Header names, CORS headers, origins and statuses stay as they
// were, so the engine reaches the same verdict on the redacted exchange as on the captured one.

import type { HeaderLine, HeaderList, ObservedExchange, ObservedHop, ObservedPreflight, ObservedResponse } from '../cors/exchange.ts';
import { redactHeaders, redactJwts, redactUrl, type Redaction } from './redact.ts';

// Headers whose value is a URL: a secret in a query string would leak through them even when the
// hop URLs are redacted (`Location` of an OAuth redirect carries `?code=`, `Referer` the page's query).
const urlValuedHeaders: ReadonlySet<string> = new Set(['location', 'content-location', 'referer', 'refresh']);

function redactHeaderList(headers: HeaderList, found: Redaction[]): HeaderLine[] {
  return redactHeaders(headers, found).map(([name, value]): HeaderLine => {
    const lower = name.toLowerCase();
    if (!urlValuedHeaders.has(lower)) return [name, value];
    const inHeader: Redaction[] = [];
    const redacted = redactUrl(value, inHeader);
    for (const redaction of inHeader) found.push({ kind: redaction.kind, where: `${lower}:${redaction.where}` });
    return [name, redacted];
  });
}

function redactResponse(response: ObservedResponse | null, found: Redaction[]): ObservedResponse | null {
  return response === null ? null : { status: response.status, headers: redactHeaderList(response.headers, found) };
}

// JSON members and form fields whose names say they hold a secret (`"password": "..."`, `token=...`).
const secretFieldName = /^(password|passwd|pwd|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|id[-_]?token|api[-_]?key|apikey|authorization|session|sessionid|code)$/i;
const jsonStringMember = /("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/**
 * A request body: JWTs anywhere, values of secret-named form fields and JSON string members. The body
 * is the page's own data, so this is best effort; the size is kept.
 */
export function redactBody(body: string, found: Redaction[]): string {
  let out = redactJwts(body, found, 'body');
  out = out.replace(jsonStringMember, (all, prefix: string, name: string) => {
    if (!secretFieldName.test(name)) return all;
    found.push({ kind: 'api-key', where: `body:${name}` });
    return `${prefix}"REDACTED-API-KEY"`;
  });
  // `a=1&password=x`: read as a query string, which `redactUrl` already knows how to clean.
  if (/^[^\s{[<]*=[^\s]*$/.test(out)) {
    const asQuery: Redaction[] = [];
    const cleaned = redactUrl(`?${out}`, asQuery).slice(1);
    for (const redaction of asQuery) found.push({ kind: redaction.kind, where: `body:${redaction.where.replace(/^query:/, '')}` });
    out = cleaned;
  }
  return out;
}

function redactPreflight(preflight: ObservedPreflight, found: Redaction[]): ObservedPreflight {
  const out: ObservedPreflight = {
    url: redactUrl(preflight.url, found),
    requestHeaders: redactHeaderList(preflight.requestHeaders, found),
    response: redactResponse(preflight.response, found),
  };
  if (preflight.networkError !== undefined) out.networkError = preflight.networkError;
  return out;
}

function redactHop(hop: ObservedHop, found: Redaction[]): ObservedHop {
  const out: ObservedHop = { url: redactUrl(hop.url, found), response: redactResponse(hop.response, found) };
  if (hop.preflight !== undefined) out.preflight = redactPreflight(hop.preflight, found);
  if (hop.preflightFromCache !== undefined) out.preflightFromCache = hop.preflightFromCache;
  return out;
}

/**
 * A copy of `exchange` with cookies, `Set-Cookie`, `Authorization`, API-key-like headers and query
 * parameters, user:password in URLs and JWTs replaced by `REDACTED-...` placeholders. `found` collects
 * what was replaced (kind and where, never the value).
 */
export function redactExchange(exchange: ObservedExchange, found: Redaction[] = []): ObservedExchange {
  const { request } = exchange;
  const out: ObservedExchange = {
    request: { ...request, headers: redactHeaderList(request.headers, found) },
    hops: exchange.hops.map((hop) => redactHop(hop, found)),
  };
  if (request.body !== undefined) out.request.body = redactBody(request.body, found);
  if (exchange.errorText !== undefined) out.errorText = exchange.errorText;
  if (exchange.startedAt !== undefined) out.startedAt = exchange.startedAt;
  if (exchange.browserVerdict !== undefined) {
    out.browserVerdict =
      exchange.browserVerdict === null
        ? null
        : { corsError: exchange.browserVerdict.corsError, failedParameter: redactJwts(exchange.browserVerdict.failedParameter, found, 'failed-parameter') };
  }
  return out;
}

/** The same redactions once each (kind and where), in the order first met. */
export function distinctRedactions(redactions: readonly Redaction[]): Redaction[] {
  const seen = new Set<string>();
  const out: Redaction[] = [];
  for (const redaction of redactions) {
    const key = `${redaction.kind}\n${redaction.where}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: redaction.kind, where: redaction.where });
  }
  return out;
}
