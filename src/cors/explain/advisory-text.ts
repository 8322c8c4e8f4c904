// Wording for configurations that work but are dangerous or wasteful.

import type { Advisory, AdvisoryKind } from '../diagnosis.ts';
import type { Explanation } from './explanation.ts';

const show = (v: string | undefined, fallback: string): string => (v === undefined || v === '' ? fallback : v);

const TEXT: Record<AdvisoryKind, (a: Advisory) => string> = {
  'reflected-origin-with-credentials': (a) =>
    `The server echoes any Origin back (${show(a.value, 'the request origin')}) and allows credentials: any website can read this user's data with their cookies. Check the Origin against a fixed list instead.`,
  'null-origin-trusted': () =>
    'The server trusts the origin "null", which sandboxed iframes, file: pages and cross-origin redirects all have: anyone can obtain it. Do not allow null.',
  'insecure-origin-trusted': (a) =>
    `An https server trusts an http: origin (${show(a.value, 'an http origin')}): anyone on the network path can inject script into that page and read the responses. Allow only https origins.`,
  'wildcard-allow-headers-covers-authorization': () =>
    'Access-Control-Allow-Headers: * lets Chromium send Authorization, but the standard says * does not cover it (Firefox now warns, and will refuse). List authorization explicitly.',
  'wildcard-allow-headers-with-secrets': () =>
    'Access-Control-Allow-Headers: * lets any origin send any header, including API keys or tokens. List the headers the API needs.',
  'missing-vary-origin': (a) =>
    `Access-Control-Allow-Origin changes with the request's Origin (${show(a.value, 'a specific origin')}) but the response has no Vary: Origin: a cache (browser, CDN, proxy) can serve it to another origin, which then fails. Add Vary: Origin.`,
  'max-age-above-browser-cap': (a) =>
    `Access-Control-Max-Age is ${show(a.value, 'very large')}, but browsers cap it (Chromium at 7200 seconds, Firefox at 86400): the preflight is sent again sooner than the server intends.`,
};

export function adviseText(advisory: Advisory): string {
  return TEXT[advisory.kind](advisory);
}

export function advisories(list: readonly Advisory[]): Explanation['advisories'] {
  return list.map((a) => ({ kind: a.kind, severity: a.severity, text: adviseText(a) }));
}
