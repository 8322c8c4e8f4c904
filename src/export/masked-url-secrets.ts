// `explain` is no export, but its output goes into CI logs and artifacts, and it printed every
// captured URL as it was: a token in the query (`?token=`, `?api_key=`, `X-Amz-Signature=`), a JWT
// or a `ghp_...` token as a path segment, an OAuth `code=` in a refused Location. Each URL the engine
// reads (the hops', the preflights', each Location) is masked here, before it reads them, with the
// exports' own URL redaction (`redactUrl`) for the path, the query and the fragment, so the
// diagnosis and every word built from it (`hops[].url`, `checks[].found`, the console line, the
// explanation) show the placeholders. The scheme and the authority are never touched (the password
// is masked as `masked-passwords.ts` does): the origin, all CORS compares, stays the same; a part of
// a host or port shaped like a secret is masked in the words instead (`masked-hosts.ts`).
// Preflights were paired with their requests, and cached preflights found, on the captured URLs,
// before this runs (`mapHar`). The origins it prints (`Origin`, `Access-Control-Allow-Origin`, the
// page's) are masked here too, as the exports redact them (`masked-origins.ts`).

import { type HeaderLine, memoized, type ObservedExchange, type ObservedHop, type ObservedPreflight, type ObservedResponse } from '../cors/index.ts';
import { maskedOrigin, originValuedName } from './masked-origins.ts';
import { maskedErrorText } from './redact-error-text.ts';
import { maskedUrl } from './masked-url.ts';

/**
 * Each URL masked once: a preflight and its request, a hop and the Location before it, and every
 * call a page repeats (a capture holds few distinct URLs: the generated mix of 10,000 entries 5,064,
 * the 45,000-entry benchmark HAR 9,813, a recorded page's 50 entries 35) share one masking. Bounded
 * (`memoized`) by count and by the URLs' characters (4 Mi: a hostile capture's long URLs hold no
 * more than a real one's); a map emptied every 4,096 URLs masked most of the 45,000 again.
 */
const masked = memoized(16_384, maskedUrl, 4 * 2 ** 20);

/** Told each URL and origin the exchange shows (`HostSecretWords.see`). */
type Seen = (shown: string) => void;

const NOTHING_SEEN: Seen = () => {};

/** A Location's value masked as a URL, an origin-valued header's as an origin, any other kept. */
function maskedValue(name: string, value: string, seen: Seen): string {
  let shown: string;
  if (name.length === 8 && name.toLowerCase() === 'location') {
    shown = masked(value);
  } else {
    const origin = originValuedName(name);
    if (origin === null) return value;
    shown = maskedOrigin(origin, value);
  }
  seen(shown);
  return shown;
}

function maskedHeaders(headers: readonly HeaderLine[], seen: Seen): readonly HeaderLine[] {
  let out: HeaderLine[] | null = null;
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i]!;
    const shown = maskedValue(name, value, seen);
    if (shown === value) continue;
    out ??= headers.slice();
    out[i] = [name, shown];
  }
  return out ?? headers;
}

function maskedResponse(response: ObservedResponse | null, seen: Seen): ObservedResponse | null {
  if (response === null) return null;
  const headers = maskedHeaders(response.headers, seen);
  // Where a redirect pointed, recorded apart from the headers: masked as its `Location` would be.
  const location = response.locationUrl;
  const locationUrl = location === undefined ? undefined : masked(location);
  if (locationUrl !== undefined) seen(locationUrl);
  if (headers === response.headers && locationUrl === location) return response;
  return { ...response, headers, ...(locationUrl === undefined ? {} : { locationUrl }) };
}

function maskedPreflight(preflight: ObservedPreflight | undefined, seen: Seen): ObservedPreflight | undefined {
  if (preflight === undefined) return undefined;
  const url = masked(preflight.url);
  seen(url);
  const requestHeaders = maskedHeaders(preflight.requestHeaders, seen);
  const response = maskedResponse(preflight.response, seen);
  const error = preflight.networkError;
  const networkError = error === undefined ? undefined : maskedErrorText(error);
  if (url === preflight.url && requestHeaders === preflight.requestHeaders && response === preflight.response && networkError === error) return preflight;
  return { ...preflight, url, requestHeaders, response, ...(networkError === undefined ? {} : { networkError }) };
}

function maskedHop(hop: ObservedHop, seen: Seen): ObservedHop {
  const url = masked(hop.url);
  seen(url);
  const preflight = maskedPreflight(hop.preflight, seen);
  const response = maskedResponse(hop.response, seen);
  if (url === hop.url && preflight === hop.preflight && response === hop.response) return hop;
  return { ...hop, url, ...(preflight === undefined ? {} : { preflight }), response };
}

/** The request's `Origin` and the page's origin masked (`maskedOrigin`); itself when neither holds a secret. */
function maskedRequest(request: ObservedExchange['request'], seen: Seen): ObservedExchange['request'] {
  const headers = maskedHeaders(request.headers, seen);
  const page = request.initiatorOrigin;
  const pageShown = typeof page === 'string' ? maskedOrigin('origin', page) : page;
  if (typeof pageShown === 'string') seen(pageShown);
  if (headers === request.headers && pageShown === page) return request;
  return { ...request, headers, ...(pageShown === page ? {} : { initiatorOrigin: pageShown }) };
}

/**
 * The exchange with every URL masked (`maskedUrl`), a Location's too, and every origin
 * (`maskedOrigin`); itself when none holds a secret. A hop whose URL now reads as the first's though
 * it differed as captured (`?token=aaa`, redirected to `?token=bbb`) says so (`urlDiffersFromFirst`),
 * so the console line keeps its "(redirected from ...)". `seen` is told every URL and origin as shown:
 * their hosts and ports are kept, for the verdict, and masked in the words (`masked-hosts.ts`).
 */
export function withUrlSecretsMasked(exchange: ObservedExchange, seen: Seen = NOTHING_SEEN): ObservedExchange {
  const request = maskedRequest(exchange.request, seen);
  let hops: ObservedHop[] | null = null;
  const first = exchange.hops[0];
  let firstShown = '';
  for (let i = 0; i < exchange.hops.length; i++) {
    const hop = exchange.hops[i]!;
    let shown = maskedHop(hop, seen);
    if (i === 0) firstShown = shown.url;
    else if (shown.url === firstShown && hop.url !== first!.url) shown = { ...shown, urlDiffersFromFirst: true };
    if (shown === hop) continue;
    hops ??= exchange.hops.slice();
    hops[i] = shown;
  }
  // The browser's error text, which a hostile HAR can fill with a URL or a token, as the exports write it.
  const errorText = exchange.errorText === undefined ? undefined : maskedErrorText(exchange.errorText);
  if (request === exchange.request && hops === null && errorText === exchange.errorText) return exchange;
  return { ...exchange, request, ...(hops === null ? {} : { hops }), ...(errorText === exchange.errorText ? {} : { errorText }) };
}
