// What `cors-inspector probe` sends, decided before anything is sent: the named origin's preflight
// (when the request needs one) and request, then one exchange per crafted origin. A bounded list,
// the same every time for the same arguments, so that `--dry-run` prints exactly what a run sends.

import { type BrowserRules, CHROMIUM_RULES } from '../browser-rules.ts';
import type { HeaderLine, HeaderList } from '../exchange.ts';
import { isCorsSafelistedMethod } from '../methods.ts';
import { corsUnsafeNames } from '../safelisted-request-header.ts';
import { type CraftedOrigin, craftedOrigins, MAX_CRAFTED_ORIGINS } from './crafted-origins.ts';

export interface ProbeRequestSpec {
  url: string;
  /** The page's origin, as `parseNamedOrigin` accepts it. */
  origin: string;
  /** Normalized (`GET`, `PUT`, a custom one as given). */
  method: string;
  /** The headers the page sets, besides those the browser adds. */
  headers: HeaderList;
  /** `User-Agent` sent, so that the server's owner can tell the probe's requests apart. */
  userAgent: string;
  /** The browser whose rules decide the preflight and judge the answers (Chromium's by default). */
  rules?: BrowserRules;
}

export interface PlannedRequest {
  role: 'preflight' | 'request';
  method: string;
  url: string;
  headers: HeaderLine[];
}

export interface PlannedProbe {
  /** The `Origin` sent. */
  origin: string;
  /** Null for the named origin. */
  crafted: CraftedOrigin | null;
  /** The `OPTIONS` sent first, when the request needs a preflight. */
  preflight: PlannedRequest | null;
  /** The request itself, as the page would send it with this origin. */
  request: PlannedRequest;
  /**
   * Whether `request` is sent. Not for a crafted origin when the request needs a preflight: only
   * the preflight is sent then, so that a PUT, DELETE or PATCH is never repeated on the server.
   * The named origin's request is sent only when its preflight lets it through, as the browser does.
   */
  sendsRequest: boolean;
  /** The browser rules the plan was made with, and the answers are judged by. */
  rules: BrowserRules;
}

/** The most requests a probe sends: the named origin's two, and one per crafted origin. */
export const MAX_PROBE_REQUESTS = 2 + MAX_CRAFTED_ORIGINS;

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 steps 1–5: `OPTIONS` with the origin, the
 * method asked for, and the CORS-unsafe header names, lower-case, sorted, comma-separated.
 */
function preflightFor(spec: ProbeRequestSpec, unsafeNames: readonly string[], origin: string): PlannedRequest {
  const headers: HeaderLine[] = [
    ['Accept', '*/*'],
    ['Access-Control-Request-Method', spec.method],
    ...(unsafeNames.length > 0 ? [['Access-Control-Request-Headers', unsafeNames.join(',')] as const] : []),
    ['Origin', origin],
    ['User-Agent', spec.userAgent],
  ];
  return { role: 'preflight', method: 'OPTIONS', url: spec.url, headers };
}

function requestFor(spec: ProbeRequestSpec, origin: string): PlannedRequest {
  const headers: HeaderLine[] = [['Accept', '*/*'], ...spec.headers, ['Origin', origin], ['User-Agent', spec.userAgent]];
  return { role: 'request', method: spec.method, url: spec.url, headers };
}

/** The probes, the named origin's first. */
export function probePlan(spec: ProbeRequestSpec): PlannedProbe[] {
  const rules = spec.rules ?? CHROMIUM_RULES;
  // https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names, with the browser's own
  // safelist (Chromium's adds client hints such as Save-Data; Firefox's does not).
  const unsafeNames = corsUnsafeNames(spec.headers, null, undefined, rules.safelistsClientHints);
  const preflighted = !isCorsSafelistedMethod(spec.method) || unsafeNames.length > 0;
  const probeFor = (origin: string, crafted: CraftedOrigin | null): PlannedProbe => ({
    origin,
    crafted,
    preflight: preflighted ? preflightFor(spec, unsafeNames, origin) : null,
    request: requestFor(spec, origin),
    sendsRequest: crafted === null || !preflighted,
    rules,
  });
  return [probeFor(spec.origin, null), ...craftedOrigins(spec.origin).map((one) => probeFor(one.origin, one))];
}

/** How many requests the plan sends at most. */
export function plannedRequestCount(plan: readonly PlannedProbe[]): number {
  return plan.reduce((sum, probe) => sum + (probe.preflight === null ? 0 : 1) + (probe.sendsRequest ? 1 : 0), 0);
}
