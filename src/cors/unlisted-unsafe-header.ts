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
 * The passes `firstUnlistedUnsafeHeader` made last, to answer a request with the same pass again
 * without classifying its lines (the classification and the allow-list lookups were ~16% of the
 * verdict's time on bench/verdict.ts's mix). A capture's requests repeat a few header-name
 * sequences: the browser's own dozen lines and the page's few, with or without a `Cookie`. The
 * pass's answer depends only on the names, in order; the values of the lines whose verdict reads
 * the value (the safelisted names, the method-override names); the allow list; the client-hints
 * rule. A request is answered from a pass only when all of these are the same (`===`: the names
 * and values as written, the allow list as the very object `parseAllowList` keeps for its value).
 * Not kept: a pass that read the preflight's own headers (at a line the browser may have added) or
 * the mode's facts (`Origin`, `Sec-Fetch-Mode`: their values). The caller owns the memo (one
 * exchange decided at a time).
 */
export interface RequestPassMemo {
  /**
   * One pass per slot, which the request's line count and the allow list's length pick (`memoSlot`):
   * a request with and without a `Cookie`, or one sequence checked against two allow lists (the
   * preflights that pass and those that fail) are kept side by side.
   */
  readonly passes: (RememberedPass | null)[];
}

interface RememberedPass {
  readonly names: readonly string[];
  /** The lines whose verdict read the value, and their values. */
  readonly valueLines: readonly number[];
  readonly values: readonly string[];
  readonly allowHeaders: readonly string[] | null;
  readonly clientHints: boolean;
  /** What the pass returned, and whether it saw a `Cookie`. */
  readonly first: number;
  readonly cookie: boolean;
}

const MEMO_SLOTS = 8;

function memoSlot(headers: HeaderList, allowHeaders: readonly string[] | null): number {
  return (headers.length * 3 + (allowHeaders === null ? 7 : allowHeaders.length)) & (MEMO_SLOTS - 1);
}

export function requestPassMemo(): RequestPassMemo {
  return { passes: new Array<RememberedPass | null>(MEMO_SLOTS).fill(null) };
}

/** Whether `pass` was made on a request that is the same for the pass (see `RequestPassMemo`). */
function samePass(pass: RememberedPass, headers: HeaderList, allowHeaders: readonly string[] | null, clientHints: boolean): boolean {
  const names = pass.names;
  if (names.length !== headers.length || pass.allowHeaders !== allowHeaders || pass.clientHints !== clientHints) return false;
  for (let i = 0; i < names.length; i++) if (headers[i]![0] !== names[i]) return false;
  const valueLines = pass.valueLines;
  for (let j = 0; j < valueLines.length; j++) if (headers[valueLines[j]!]![1] !== pass.values[j]) return false;
  return true;
}

/**
 * The index in `headers` of the first CORS-unsafe line whose name `allowHeaders` (parsed, lower-case;
 * null when it did not parse: nothing is looked up) does not list, `ALL_LISTED`, or `CANNOT_TELL`.
 * `preflightRequestHeaders` are the observed preflight's own request headers. `facts` (fresh) is
 * filled in as `corsUnsafeNames` fills it: the `Cookie` always, `Origin` and `Sec-Fetch-Mode` only
 * with `modeFacts` (a caller that has the request mode needs neither). With a `memo`, a request the
 * same for the pass as one before is answered from it (see `RequestPassMemo`).
 */
export function firstUnlistedUnsafeHeader(
  headers: HeaderList,
  allowHeaders: readonly string[] | null,
  preflightRequestHeaders: HeaderList,
  facts: RequestHeaderFacts,
  modeFacts: boolean,
  clientHints: boolean,
  memo: RequestPassMemo | null = null,
): number {
  const slot = memoSlot(headers, allowHeaders);
  const remembering = memo !== null && !modeFacts;
  if (remembering) {
    const pass = memo.passes[slot]!;
    if (pass !== null && samePass(pass, headers, allowHeaders, clientHints)) {
      if (pass.cookie) facts.cookie = true;
      return pass.first;
    }
  }
  let first = ALL_LISTED;
  let safelistValueSize = 0;
  let cookie = false;
  /** The names the preflight asked for, read at the first line the browser may have added. */
  let requested: ReadonlySet<string> | null = null;
  /** The lines whose verdict reads the value, while the pass may be remembered. */
  let valueLines: number[] | null = remembering ? [] : null;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    const name = line[0];
    if (mayBeBrowserAdded(name)) {
      valueLines = null;
      requested ??= requestedHeaderNames(preflightRequestHeaders);
      if (addedAfterPreflight(name, requested)) continue;
    }
    const nameClass = requestHeaderNameClass(name);
    if (nameClass === 'forbidden') continue;
    if (nameClass === 'cookie') {
      cookie = true;
      continue;
    }
    if (nameClass === 'origin' || nameClass === 'sec-fetch-mode') {
      if (modeFacts) recordFact(facts, nameClass, line[1]);
      continue;
    }
    if (nameClass !== 'other') valueLines?.push(i);
    const verdict = lineSafelistVerdict(nameClass, name, line[1], clientHints);
    if (verdict === null) continue;
    if (verdict === 'safelisted') safelistValueSize += line[1].length;
    else if (first === ALL_LISTED && allowHeaders !== null && !listsName(allowHeaders, name)) first = i;
  }
  if (cookie) facts.cookie = true;
  const result = safelistValueSize > SAFELIST_TOTAL_VALUE_LIMIT ? CANNOT_TELL : first;
  if (memo !== null && valueLines !== null) {
    memo.passes[slot] = {
      names: headers.map((line) => line[0]),
      valueLines,
      values: valueLines.map((i) => headers[i]![1]),
      allowHeaders,
      clientHints,
      first: result,
      cookie,
    };
  }
  return result;
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
