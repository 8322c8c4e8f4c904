// The request's CORS-unsafe header names against a preflight's `Access-Control-Allow-Headers`, in
// one pass over the request's headers, without building the list of names: which line Chromium
// would report as not allowed, if any (https://fetch.spec.whatwg.org/#cors-preflight-fetch step
// 7.6-7.7, as `allow-headers.ts` applies it to the list `corsUnsafeNames` builds).
//
// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names step 2 runs on each line as it is
// read (`lineSafelistVerdict`); an unsafe name is looked for in the lower-cased list in place (ASCII
// case-insensitively, no lower-case copy). Chromium reports the first name of its check order that
// is not listed, and that order is the request's header order (`corsUnsafeNamesInCheckOrder`), so
// the first such line is the one. The same pass reads the facts (`RequestHeaderFacts`), and skips
// the lines the browser added after its preflight decision as `withPageSetHeaders` drops them
// (HTTP/2 pseudo-headers, `Priority`... not named by the preflight's `Access-Control-Request-Headers`).

import { addedAfterPreflight, mayBeBrowserAdded, requestedHeaderNames } from './browser-added-headers.ts';
import { listHas } from './allow-list.ts';
import type { HeaderList } from './exchange.ts';
import { lowerHeaderName, nameIs } from './header-list.ts';
import {
  isAscii,
  lineSafelistVerdict,
  recordFact,
  type RequestHeaderFacts,
  requestHeaderNameClass,
  SAFELIST_TOTAL_VALUE_LIMIT,
} from './safelisted-request-header.ts';

/** No unsafe name left unlisted. */
export const ALL_LISTED = -1;
/**
 * The pass cannot tell: safelisted values over 1024 bytes in all (step 3 makes them unsafe too,
 * checked after the others).
 */
export const CANNOT_TELL = -2;

/**
 * The index in `headers` of the first CORS-unsafe line whose name `allowHeaders` (parsed, lower-case;
 * null when it did not parse: nothing is looked up) does not list, `ALL_LISTED`, or `CANNOT_TELL`.
 * `preflightRequestHeaders` are the observed preflight's own request headers. `facts` (fresh) is
 * filled in as `corsUnsafeNames` fills it: the `Cookie` always, `Origin` and `Sec-Fetch-Mode` only
 * with `modeFacts` (a caller that has the request mode needs neither).
 */
export function firstUnlistedUnsafeHeader(
  headers: HeaderList,
  allowHeaders: readonly string[] | null,
  preflightRequestHeaders: HeaderList,
  facts: RequestHeaderFacts,
  modeFacts: boolean,
  clientHints: boolean,
): number {
  let first = ALL_LISTED;
  let safelistValueSize = 0;
  /** The names the preflight asked for, read at the first line the browser may have added. */
  let requested: ReadonlySet<string> | null = null;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const name = line[0];
    if (mayBeBrowserAdded(name)) {
      requested ??= requestedHeaderNames(preflightRequestHeaders);
      if (addedAfterPreflight(name, requested)) continue;
    }
    const nameClass = requestHeaderNameClass(name);
    if (nameClass === 'forbidden') continue;
    if (nameClass === 'cookie') {
      facts.cookie = true;
      continue;
    }
    if (nameClass === 'origin' || nameClass === 'sec-fetch-mode') {
      if (modeFacts) recordFact(facts, nameClass, line[1]);
      continue;
    }
    const verdict = lineSafelistVerdict(nameClass, name, line[1], clientHints);
    if (verdict === null) continue;
    if (verdict === 'safelisted') safelistValueSize += line[1].length;
    else if (first === ALL_LISTED && allowHeaders !== null && !listsName(allowHeaders, name)) first = i;
  }
  return safelistValueSize > SAFELIST_TOTAL_VALUE_LIMIT ? CANNOT_TELL : first;
}

/** Whether the lower-case `list` holds `lowerHeaderName(name)`, as `listHas` would say. */
function listsName(list: readonly string[], name: string): boolean {
  if (list.length <= 16) {
    for (let i = 0; i < list.length; i++) if (nameIs(name, list[i]!)) return true;
    // The items are tokens (ASCII): a name can equal one after lower-casing only if ASCII, unless
    // `toLowerCase` maps one of its non-ASCII letters to ASCII (KELVIN SIGN → `k`).
    if (isAscii(name)) return false;
  }
  return listHas(list, lowerHeaderName(name));
}
