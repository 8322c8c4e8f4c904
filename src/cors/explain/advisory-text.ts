// Wording for what an accepted exchange shows about the server's policy, built from the advisory's
// facts. Each sentence says only what this exchange proves; where one exchange cannot tell (does the
// server let *any* origin in?), the words say so and the advisory carries the probe that can.

import type { Advisory, Diagnosis } from '../diagnosis.ts';
import type { ObservedExchange } from '../exchange.ts';
import { escapeControls } from './escape.ts';
import type { Explanation } from './explanation.ts';
import { probeTargetOf } from './probe-target.ts';

type Words<K extends Advisory['kind']> = (a: Extract<Advisory, { kind: K }>, wordedFor: AdviceBrowser) => string;

/**
 * The browser whose rules the diagnosis followed, which the words name where the browsers differ
 * (`wildcard-allow-headers-covers-authorization`). Not a field of that advisory: a diagnosis under
 * Firefox's rules is Chromium's wherever the rules agree (test/unit/firefox-verdict-of.test.ts).
 * An advisory the rules themselves decide carries its browser (`max-age-above-browser-cap`).
 */
export type AdviceBrowser = 'chromium' | 'firefox';

const BROWSER_NAMES: Record<AdviceBrowser, string> = { chromium: 'Chromium', firefox: 'Firefox' };

const names = (list: readonly string[]): string => (list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]!}`);

/** How each CDN keys its cache on the request's Origin. */
const CDN_KEY_WORDS = {
  cloudfront:
    "CloudFront: include the Origin header in the cache key with the behavior's cache policy (its headers list naming Origin); an origin request policy (such as the managed CORS-CustomOrigin or CORS-S3Origin) only forwards Origin to the server, without keying the cache on it.",
  cloudflare:
    "Cloudflare: add Origin to the cache key with a Cache Rule (its Vary setting for the Origin header, or a custom cache key that includes the Origin header), or bypass the cache for these responses.",
  other: 'The CDN or proxy must key its cache on the Origin request header (most honour Vary: Origin; some need Origin added to their cache key).',
} as const;

const TEXT: { [K in Advisory['kind']]: Words<K> } = {
  'credentials-for-request-origin': (a) =>
    `This response lets ${a.allowOrigin} read it with the user's credentials (Access-Control-Allow-Origin names that origin, and Access-Control-Allow-Credentials is true). Whether the server lets any other origin in the same way, for instance by echoing back whatever Origin it receives, cannot be told from one exchange: probe it with other origins to find out.`,
  'null-origin-trusted': (a) =>
    `The server allowed the origin "null"${a.credentials ? ' with credentials' : ''}. Sandboxed iframes, file: pages and cross-origin redirects all send Origin: null, so any page can obtain it. Do not allow null.`,
  'insecure-origin-trusted': (a) =>
    `An https resource allows the http: origin ${a.allowOrigin}${a.credentials ? ' with credentials' : ''}: anyone on the network path to that page can inject script into it and read these responses. Allow only https origins.`,
  // Both browsers let * cover Authorization (Firefox with a deprecation warning, firefox/verdict.ts).
  'wildcard-allow-headers-covers-authorization': (_a, wordedFor) =>
    wordedFor === 'firefox'
      ? 'Access-Control-Allow-Headers: * lets Firefox send Authorization, with the console warning CORSAllowHeaderFromPreflightDeprecation, but the standard says * does not cover it. List authorization explicitly.'
      : 'Access-Control-Allow-Headers: * lets Chromium send Authorization, but the standard says * does not cover it (Firefox now warns, and will refuse). List authorization explicitly.',
  'wildcard-allow-headers-with-secrets': (a) =>
    `Access-Control-Allow-Headers: * allowed ${names(a.headers)}, named like a header that carries a secret: * allows every header name on requests without credentials${a.anyOrigin ? ', and with Access-Control-Allow-Origin: * any website may send them' : ''}. List the headers the API needs.`,
  'missing-vary-origin': (a) =>
    `Access-Control-Allow-Origin names this request's origin (${a.allowOrigin}) and the response has no Vary: Origin${a.vary === null ? '' : ` (Vary: ${a.vary})`}. If the server answers other origins with another value, as an allow-list does, a cache (browser, CDN, proxy) can serve this response to one of them, which then fails; one exchange cannot tell whether it does. Add Vary: Origin (harmless if the origin never changes).`,
  'cached-for-another-origin': (a) =>
    `This answer came from a cache (${a.cache.map((c) => `${c.header}: ${c.value}`).join(', ')}) and allows ${a.allowOrigin}, another origin: the cached copy was most likely made for a request from ${a.allowOrigin} and served to this page too, so sending the right origin from the server is not the whole fix. ${
      a.varyOrigin
        ? `The response says Vary: Origin${a.vary === null || a.vary.trim().toLowerCase() === 'origin' ? '' : ` (Vary: ${a.vary})`}, but the cache did not key on it: the cache must keep one copy per Origin.`
        : `The origin server must send Vary: Origin${a.vary === null ? '' : ` (this response has Vary: ${a.vary})`} on every response whose Access-Control-Allow-Origin depends on the request's Origin, and the cache must keep one copy per Origin.`
    } ${CDN_KEY_WORDS[a.cdn ?? 'other']} Until then, purge the cached copies. See the Fetch Standard, "CORS protocol and HTTP caches": https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches`,
  'max-age-above-browser-cap': (a) =>
    `Access-Control-Max-Age is ${a.maxAge}, but ${BROWSER_NAMES[a.browser]} keeps a preflight at most ${a.capSeconds} seconds: ${BROWSER_NAMES[a.browser]} sends the preflight again sooner than the server intends.`,
};

/**
 * The advisory's words, one paragraph: the values it quotes come from the response (its `Vary`, the
 * origin it allowed), and a hand-made HAR's can hold line breaks and escape sequences, shown as
 * escapes (`\u000A`) as the explanation shows them.
 */
export function adviseText(advisory: Advisory, wordedFor: AdviceBrowser = 'chromium'): string {
  return escapeControls((TEXT[advisory.kind] as Words<Advisory['kind']>)(advisory, wordedFor));
}

/**
 * The advisories' words; the one that cannot be settled from this exchange carries the probe (with
 * credentials: the question is whether another origin gets them too).
 */
export function advisories(diagnosis: Diagnosis, exchange: ObservedExchange, wordedFor: AdviceBrowser = 'chromium'): Explanation['advisories'] {
  return diagnosis.advisories.map((a) => {
    const text = adviseText(a, wordedFor);
    if (a.kind !== 'credentials-for-request-origin') return { kind: a.kind, severity: a.severity, text };
    return { kind: a.kind, severity: a.severity, text, probe: probeTargetOf(diagnosis, exchange, a.hop, true) };
  });
}
