// What `cors-inspector probe URL --origin ORIGIN [--method M] [--header NAME]… [--credentials]` needs
// to ask the server again about one exchange: the URL, the origin the browser sent, the method, the
// CORS-unsafe request header names (those that made the preflight) and whether credentials went.
// The command itself is written by the export layer, which quotes for shells.

import type { Diagnosis } from '../diagnosis.ts';
import type { HeaderList, ObservedExchange } from '../exchange.ts';
import { headerLinesJoined, headerNameSet, toAsciiLowerCase } from '../header-list.ts';
import { normalizeMethod } from '../methods.ts';
import { OPAQUE_ORIGIN, parseUrl, serializeOrigin } from '../origin.ts';
import { requestAfterRedirect, requestAtHop, responseLocation, taintsOrigin } from '../redirect.ts';
import { followedPastCapture } from './headline.ts';

export interface ProbeTarget {
  url: string;
  origin: string;
  /** Normalized (`GET`, `PUT`, or a custom method as written). */
  method: string;
  /** Lower-case names, in the order the engine found them, without repeats. */
  headers: string[];
  credentials: boolean;
}

/**
 * The probe for hop `hop` of `exchange`: by default the hop the verdict is about (where the browser
 * stopped, else the last one), with the origin the browser sent there (`null` after a tainting
 * redirect); an advisory names its own. The probe follows no redirect, so the URL is the one whose
 * answer decides: a redirect's target, not the URL that redirected.
 */
export function probeTargetOf(diagnosis: Diagnosis, exchange: ObservedExchange, hop = verdictHop(diagnosis, exchange), credentials = diagnosis.credentialsMode === 'include'): ProbeTarget {
  const at = exchange.hops[hop] ?? exchange.hops[0]!;
  const origin = diagnosis.requestOrigins[hop] ?? diagnosis.requestOrigins[0] ?? exchange.request.initiatorOrigin ?? 'null';
  const next = followedPastCapture(diagnosis) && diagnosis.failedAt?.hop === hop ? nextUrl(at.url, responseLocation(at.response)) : null;
  // The request as the browser sent it to the probed URL, not the first one: a redirect may have
  // turned a POST into a GET without its body headers, and one across origins drops Authorization
  // (https://fetch.spec.whatwg.org/#http-redirect-fetch steps 12-13).
  let sent: { method: string; headers: HeaderList } | null = hop > 0 && exchange.hops[hop] !== undefined ? requestAtHop(exchange, hop) : null;
  const status = at.response?.status;
  if (next !== null && status !== undefined) {
    const before = sent ?? { method: normalizeMethod(exchange.request.method), headers: exchange.request.headers };
    sent = requestAfterRedirect(status, before.method, before.headers, serializeOrigin(at.url), serializeOrigin(next));
  }
  const sentNames = sent === null ? null : headerNameSet(sent.headers);
  const headers = new Set<string>();
  for (const reason of diagnosis.preflight.reasons) {
    if (reason.kind === 'header' && (sentNames === null || sentNames.has(toAsciiLowerCase(reason.name)))) headers.add(reason.name);
  }
  return {
    // A redirect that passes, where the capture ends: what decides is the URL it leads to.
    url: next ?? at.url,
    origin: next === null ? origin : taintsOrigin(serializeOrigin(at.url), serializeOrigin(next), origin) ? OPAQUE_ORIGIN : origin,
    method: sent === null ? normalizeMethod(exchange.request.method) : sent.method,
    headers: [...headers],
    credentials,
  };
}

/** Where the browser stopped, else the last hop (the answer the page got). */
function verdictHop(diagnosis: Diagnosis, exchange: ObservedExchange): number {
  return diagnosis.failedAt?.hop ?? Math.max(0, exchange.hops.length - 1);
}

/** `location` parsed against `url`, an http(s) URL, else null. https://fetch.spec.whatwg.org/#concept-response-location-url */
function nextUrl(url: string, location: string | null): string | null {
  if (location === null) return null;
  const parsed = parseUrl(location.trim(), url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed.href : null;
}
