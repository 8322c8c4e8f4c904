// A cause in plain words, for a group's line: the engine's words for the cause (`causeHeadline`),
// which are a row's words for each of its requests (`x-trace not in Access-Control-Allow-Headers`).
// A group holds every failure with the same key (API origin, verdict, Chromium's error, failing
// value, and where the words depend on them the refusing preflight's status and whether a redirect
// made the Origin `null`: cause-groups.ts), so its title is worded from the key alone, never from
// its first request.
// A value from the capture is cut to a readable length: the group's key keeps it whole. A title is
// one of the engine's words (`--json`'s `groups[].title`, which `jq -r` prints as it is): every
// control and bidi character in what it quotes is written as `\uXXXX` (`escapeControls`).

import { causeHeadline, escapeControls, type FailureReason, type RefusedPreflight } from '../cors/index.ts';

/** Longest failing value a title quotes. */
const TITLE_VALUE_LIMIT = 80;

/**
 * How a title marks a value it cut: an ellipsis where the panel and the viewer may set type, `...` in what
 * the CLI prints (the report included), which stays ASCII (`groupLine`'s dash likewise).
 */
export type CutMark = '…' | '...';

function shorten(text: string, limit: number, cut: CutMark): string {
  return text.length <= limit ? text : `${text.slice(0, limit - cut.length)}${cut}`;
}

/** What a title is worded from: a cause's key but its API origin (`Cause`). */
export interface TitledCause {
  verdict: string;
  /** Chromium's name for the error (a bundle's, unchecked, may name one this engine does not know). */
  corsError: string | null;
  parameter: string | null;
  /** Why the check failed, where the cause is keyed by it (`Cause.reason`). */
  reason?: FailureReason | null;
  /** The preflight answer that refused it, where the cause is keyed by it (`Cause.refused`). */
  refused?: Pick<RefusedPreflight, 'status' | 'edge' | 'stack'> | null;
  /** Blocked on a 304 to a revalidation, or maybe one, where the cause is keyed by it (`Cause.revalidation`). */
  revalidation?: 'browser' | 'unknown' | null;
  /** A redirect made the request's Origin `null` where the check failed, where the cause is keyed by it (`Cause.originTainted`). */
  originTainted?: boolean;
}

export function causeTitle(cause: TitledCause): string {
  return causeTitleIn(cause, 'chromium');
}

/**
 * `causeTitle` in `browser`'s words. A network error's value is the capture's error text; a
 * Chromium `net::` code is Chromium's alone (Firefox never prints one), so under Firefox's rules
 * the title keeps the words without it.
 */
export function causeTitleIn(cause: TitledCause, browser: 'chromium' | 'firefox', cut: CutMark = '…'): string {
  return escapeControls(titleWords(cause, browser, cut));
}

function titleWords(cause: TitledCause, browser: 'chromium' | 'firefox', cut: CutMark): string {
  const { corsError } = cause;
  // Not the 304's missing header alone: what the browser checked was its cached copy, or may have been.
  const revalidation = cause.revalidation ?? null;
  if (revalidation !== null) {
    const header = corsError === 'InvalidAllowCredentials' ? 'Access-Control-Allow-Credentials' : 'Access-Control-Allow-Origin';
    return revalidation === 'browser'
      ? `Cached copy refused after a 304 without ${header}`
      : `Refused after a 304 without ${header} (a revalidation or not: the capture cannot tell)`;
  }
  const value = shorten(cause.parameter ?? '', TITLE_VALUE_LIMIT, cut);
  // The row's words (`headline`), from what the key holds: the preflight's status where it is keyed
  // by it, and whether a redirect made the request's Origin `null` (the value may be the page's own).
  const causeWords = { reason: cause.reason ?? null, refusedStatus: cause.refused?.status ?? null, originTainted: cause.originTainted ?? false };
  const words = shorten(causeHeadline(cause.verdict, corsError, value, causeWords) ?? corsError ?? 'Blocked', 2 * TITLE_VALUE_LIMIT, cut);
  const quoted = corsError === null && value !== '' && !(browser === 'firefox' && value.startsWith('net::'));
  return quoted ? `${words} (${value})` : words;
}

/** What tells two causes apart: their key's parts (`Cause`). */
export interface DistinctCause extends TitledCause {
  /** As the key holds it: `null` for an opaque origin, and for a captured URL that is no URL. */
  apiOrigin: string;
  /**
   * Why the cause has no API origin (`noApiOrigin`: its captured URL is not a valid URL), where its
   * `apiOrigin` is `null` for that; absent or null otherwise.
   */
  noApiOrigin?: string | null;
  /**
   * Where the members' fixes go (`CauseGroup.fixOn`), when known: where one is not `apiOrigin`
   * (a redirect target refused the answer), the bracket names where the requests were sent,
   * not `on` that server, which would read as the one that failed.
   */
  fixOn?: readonly { origin: string }[];
}

const EDGE_WORDS: Record<NonNullable<RefusedPreflight['edge']>, string> = {
  'cloudfront-refused': 'CloudFront itself',
  'cloudflare-origin-error': 'Cloudflare itself',
  'cloudflare-challenge': "Cloudflare's challenge",
};

/**
 * `preflight 401 from nginx`: the answer that refused a cause's preflight, and who gave it; null for
 * none. `from nginx` alone where `title` names the status already (`Preflight got 401`).
 */
function refusedWords(cause: TitledCause, title = ''): string | null {
  const refused = cause.refused ?? null;
  if (refused === null) return null;
  const by = refused.edge !== null ? EDGE_WORDS[refused.edge] : refused.stack;
  if (title.startsWith(`Preflight got ${refused.status}`)) return `from ${by ?? 'a server not recognised'}`;
  return `preflight ${refused.status}${by === null ? '' : ` from ${by}`}`;
}

/**
 * What tells a cause's API origin from the others': `on https://api.example`. Never `on null`,
 * which read as an origin the server could be told to allow: a captured URL that is no URL says so,
 * as its group's API origin line does (`apiOriginWords`), and a URL of an opaque origin (`file:`,
 * `data:`) says that.
 */
function originPart(cause: DistinctCause): string {
  if (cause.noApiOrigin !== undefined && cause.noApiOrigin !== null) return cause.noApiOrigin;
  const elsewhere = cause.fixOn?.some(({ origin }) => origin !== cause.apiOrigin) ?? false;
  const origin = cause.apiOrigin === 'null' ? 'an opaque origin' : cause.apiOrigin;
  return elsewhere ? `requests to ${origin}` : `on ${origin}`;
}

/**
 * The titles of `causes` (`titles[i]` is `causes[i]`'s), each one said once: causes whose titles
 * read alike (the same words on two API origins, two codes with the same words, two values the
 * words do not quote) get what tells them apart in brackets: `(on https://api.example)`,
 * `(PreflightMissingAllowExternal)`, `("a, b")`. `originShown`: the API origin is shown beside
 * every title already (the panel's strip), so it is not repeated. `cut`: as the titles' (`CutMark`).
 */
export function distinctTitles(causes: readonly DistinctCause[], titles: readonly string[], originShown = false, cut: CutMark = '…'): string[] {
  const alike = new Map<string, number[]>();
  for (let i = 0; i < titles.length; i++) {
    const same = alike.get(titles[i]!);
    if (same === undefined) alike.set(titles[i]!, [i]);
    else same.push(i);
  }
  const out = [...titles];
  for (const same of alike.values()) {
    if (same.length < 2) continue;
    const differ = (part: (cause: DistinctCause) => string | null): boolean => new Set(same.map((i) => part(causes[i]!))).size > 1;
    const byOrigin = !originShown && differ((c) => c.apiOrigin);
    const byError = differ((c) => c.corsError) || differ((c) => c.verdict);
    const byValue = differ((c) => c.parameter);
    const byAnswer = differ(refusedWords);
    for (const i of same) {
      const cause = causes[i]!;
      const parts: string[] = [];
      if (byOrigin) parts.push(originPart(cause));
      if (byError) parts.push(cause.corsError ?? cause.verdict);
      if (byValue) parts.push(cause.parameter === null || cause.parameter === '' ? 'no value' : JSON.stringify(shorten(cause.parameter, TITLE_VALUE_LIMIT, cut)));
      if (byAnswer) parts.push(refusedWords(cause, titles[i]) ?? 'preflight answered 2xx');
      if (parts.length > 0) out[i] = `${titles[i]} (${escapeControls(parts.join(', '))})`;
    }
  }
  return out;
}
