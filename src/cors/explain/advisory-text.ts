// Wording for what an accepted exchange shows about the server's policy, built from the advisory's
// facts. Each sentence says only what this exchange proves; where one exchange cannot tell (does the
// server let *any* origin in?), the words say so and the advisory carries the probe that can.

import type { Advisory, Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { escapeControls } from './escape.ts';
import type { Explanation } from './explanation.ts';
import { probeTargetOf } from './probe-target.ts';

type Words<K extends Advisory['kind']> = (a: Extract<Advisory, { kind: K }>) => string;

const names = (list: readonly string[]): string => (list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]!}`);

const TEXT: { [K in Advisory['kind']]: Words<K> } = {
  'credentials-for-request-origin': (a) =>
    `This response lets ${a.allowOrigin} read it with the user's credentials (Access-Control-Allow-Origin names that origin, and Access-Control-Allow-Credentials is true). Whether the server lets any other origin in the same way, for instance by echoing back whatever Origin it receives, cannot be told from one exchange: probe it with other origins to find out.`,
  'null-origin-trusted': (a) =>
    `The server allowed the origin "null"${a.credentials ? ' with credentials' : ''}. Sandboxed iframes, file: pages and cross-origin redirects all send Origin: null, so any page can obtain it. Do not allow null.`,
  'insecure-origin-trusted': (a) =>
    `An https resource allows the http: origin ${a.allowOrigin}${a.credentials ? ' with credentials' : ''}: anyone on the network path to that page can inject script into it and read these responses. Allow only https origins.`,
  'wildcard-allow-headers-covers-authorization': () =>
    'Access-Control-Allow-Headers: * lets Chromium send Authorization, but the standard says * does not cover it (Firefox now warns, and will refuse). List authorization explicitly.',
  'wildcard-allow-headers-with-secrets': (a) =>
    `Access-Control-Allow-Headers: * allowed ${names(a.headers)}, named like a header that carries a secret: * allows every header name on requests without credentials${a.anyOrigin ? ', and with Access-Control-Allow-Origin: * any website may send them' : ''}. List the headers the API needs.`,
  'missing-vary-origin': (a) =>
    `Access-Control-Allow-Origin names this request's origin (${a.allowOrigin}) and the response has no Vary: Origin${a.vary === null ? '' : ` (Vary: ${a.vary})`}. If the server answers other origins with another value, as an allow-list does, a cache (browser, CDN, proxy) can serve this response to one of them, which then fails; one exchange cannot tell whether it does. Add Vary: Origin (harmless if the origin never changes).`,
  'max-age-above-browser-cap': (a) =>
    `Access-Control-Max-Age is ${a.maxAge}, but Chromium keeps a preflight at most ${a.capSeconds} seconds: Chromium sends the preflight again sooner than the server intends.`,
};

/**
 * The advisory's words, one paragraph: the values it quotes come from the response (its `Vary`, the
 * origin it allowed), and a hand-made HAR's can hold line breaks and escape sequences, shown as
 * escapes (`\u000A`) as the explanation shows them.
 */
export function adviseText(advisory: Advisory): string {
  return escapeControls((TEXT[advisory.kind] as Words<Advisory['kind']>)(advisory));
}

/**
 * The advisories' words; the one that cannot be settled from this exchange carries the probe (with
 * credentials: the question is whether another origin gets them too).
 */
export function advisories(diagnosis: Diagnosis, exchange: ObservedExchange): Explanation['advisories'] {
  return diagnosis.advisories.map((a) => {
    const text = adviseText(a);
    if (a.kind !== 'credentials-for-request-origin') return { kind: a.kind, severity: a.severity, text };
    return { kind: a.kind, severity: a.severity, text, probe: probeTargetOf(diagnosis, exchange, a.hop, true) };
  });
}
