// What the CLI reports for one exchange: the engine's diagnosis, its wording, and the server
// software recognised. Both output formats are built from this.

import {
  browserDifference,
  browserRules,
  diagnose,
  diagnoseInFirefox,
  firefoxConsoleLine,
  firefoxVerdict,
  firefoxVerdictOf,
  type FirefoxVerdict,
  type Diagnosis,
  type ObservedExchange,
  detectStack,
  explain,
  type Explanation,
  type ServerStack,
  recentHttpOrigin,
  rulesAgreeOn,
  urlOrigin,
} from '../cors/index.ts';
import { serverStackHeaders } from '../export/index.ts';

export interface ReportedExchange {
  exchange: ObservedExchange;
  diagnosis: Diagnosis;
  /** Built on first read: the wording is the costly part, and not every output needs all of it. */
  readonly explanation: Explanation;
  /** The server recognised from the last response's headers; read on first use (`--json` mostly shows the explanation's). */
  readonly stack: ServerStack | null;
  /** The browser whose rules made `diagnosis` (`--browser`). */
  browser: Browser;
  /**
   * Firefox's verdict (`explain --json`'s `firefox`): from `diagnosis` when `browser` is Firefox,
   * else from the exchange judged under Firefox's rules. Built on first read.
   */
  readonly firefoxVerdict: FirefoxVerdict;
  /** "works in Chromium, blocked in Firefox because …" when the two browsers disagree; built on first read. */
  readonly browserDifference: string | null;
}

/** The browsers whose rules the engine knows (`--browser`). */
export type Browser = 'chromium' | 'firefox';
export const BROWSERS: readonly Browser[] = ['chromium', 'firefox'];

export interface Report {
  /** Cross-origin requests, in the order they were made. */
  exchanges: ReportedExchange[];
  /** Same-origin requests left out. */
  sameOrigin: number;
  /** Log entries that could not be read (a field missing or of the wrong type). */
  skippedEntries: number;
}

/** Diagnoses every cross-origin exchange; same-origin ones are counted and left out. */
export function buildReport(exchanges: readonly ObservedExchange[], skippedEntries = 0, browser: Browser = 'chromium'): Report {
  const reported: ReportedExchange[] = [];
  let sameOrigin = 0;
  for (const exchange of exchanges) {
    if (isSameOriginRequest(exchange)) {
      sameOrigin++;
      continue;
    }
    reported.push(reportExchange(exchange, browser));
  }
  return { exchanges: reported, sameOrigin, skippedEntries };
}

export function reportExchange(exchange: ObservedExchange, browser: Browser = 'chromium'): ReportedExchange {
  // Under Firefox's rules, a Chromium capture's net::ERR_FAILED still says the browser failed it:
  // the same diagnosis as the `firefox` field's, whichever --browser.
  const diagnosis = browser === 'firefox' ? diagnoseInFirefox(exchange) : diagnose(exchange, browserRules(browser));
  return new LazyReport(exchange, diagnosis, browser);
}

/**
 * A ReportedExchange whose costly parts are built on first read. A class rather than an object
 * literal with getters: V8 makes such a literal's accessors one by one, on every exchange of a log
 * (measured: 6,847 made and read cold, 13-19 ms as literals, 6-7 ms as a class).
 */
class LazyReport implements ReportedExchange {
  #explanation: Explanation | undefined;
  #difference: string | null | undefined;
  #firefox: FirefoxVerdict | undefined;
  #stack: ServerStack | null | undefined;

  constructor(
    readonly exchange: ObservedExchange,
    readonly diagnosis: Diagnosis,
    readonly browser: Browser,
  ) {}

  get firefoxVerdict(): FirefoxVerdict {
    this.#firefox ??= this.browser === 'firefox' ? firefoxVerdict(this.diagnosis, this.exchange) : firefoxVerdictOf(this.exchange, this.diagnosis);
    return this.#firefox;
  }

  get explanation(): Explanation {
    this.#explanation ??= explain(this.diagnosis, this.exchange, { browser: this.browser });
    return this.#explanation;
  }

  get browserDifference(): string | null {
    // The Firefox verdict is the one the difference needs, made once for both. Under Firefox's
    // rules, the diagnosis is Chromium's too where the two browsers' rules agree on the exchange.
    if (this.#difference === undefined) {
      const chromium = this.browser === 'chromium' || rulesAgreeOn(this.exchange) ? this.diagnosis : diagnose(this.exchange, browserRules('chromium'));
      this.#difference = browserDifference(this.exchange, chromium, this.firefoxVerdict);
    }
    return this.#difference;
  }

  get stack(): ServerStack | null {
    if (this.#stack === undefined) this.#stack = detectStack(serverStackHeaders(this.exchange));
    return this.#stack;
  }
}

/**
 * Whether the request stayed on the page's own origin (no hop left it): nothing CORS about it.
 * https://html.spec.whatwg.org/multipage/browsers.html#same-origin
 */
export function isSameOriginRequest(exchange: ObservedExchange): boolean {
  const initiator = exchange.request.initiatorOrigin;
  if (typeof initiator !== 'string') return false;
  // The page's origin as the URL parser serializes it: a HAR may hold anything there. A page's
  // requests name the same few origins: the engine's recent origins answer most without a scan.
  const origin = httpOrigin(initiator);
  if (origin === null) return false;
  if (origin !== 'null') return exchange.hops.every((hop) => urlHasOrigin(hop.url, origin));
  // An opaque origin (a sandboxed, data: or file: page) is the same origin as no URL's. But the URL
  // parser also gives one to schemes it does not know, and browsers give an extension's pages a
  // tuple origin, written scheme://id: its own URLs start with it (the parser cannot say more).
  return EXTENSION_ORIGIN.test(initiator) && exchange.hops.every((hop) => startsWithOrigin(hop.url, initiator));
}

/** An extension page's origin as Chromium and Firefox serialize it. */
const EXTENSION_ORIGIN = /^(?:chrome|moz)-extension:\/\/[0-9a-z-]+$/;

/** `origin` is a serialized tuple origin (urlOrigin's). */
function urlHasOrigin(url: string, origin: string): boolean {
  // Fast path for the usual case, a URL written exactly as its origin serializes.
  if (startsWithOrigin(url, origin)) return true;
  // Else the URL's origin as the parser serializes it (the engine's exact fast path for a plain
  // http(s) URL, else the parser; null for a URL it refuses, which then matches nothing).
  return httpOrigin(url) === origin;
}

/**
 * `urlOrigin(url)`: a plain http(s) URL's from the engine's recent origins (recentHttpOrigin: the
 * same fast path, the few origins of a log kept), else the parser's. Every cross-origin request
 * reaches this (its URL does not start with the page's origin), where the scan of its host becomes
 * one comparison with the origin kept for it: explain's same-origin filter over the 151 MB HAR's
 * 30,753 exchanges 58-89 -> 34-51 ms in a fresh process.
 */
function httpOrigin(url: string): string | null {
  return recentHttpOrigin(url) ?? urlOrigin(url);
}

/** The URL is `origin` going on with its path, query or fragment, or nothing. */
function startsWithOrigin(url: string, origin: string): boolean {
  if (!url.startsWith(origin)) return false;
  const next = url.charCodeAt(origin.length);
  return Number.isNaN(next) || next === 0x2f || next === 0x3f || next === 0x23;
}

/** Blocked first, then the other failures, then what passed: the order a reader wants. */
export const VERDICT_ORDER: Record<Diagnosis['verdict'], number> = {
  blocked: 0,
  'network-error': 1,
  uncertain: 2,
  allowed: 3,
  'not-cors': 4,
};

/**
 * The console line the report's browser prints for the exchange: Chromium's is the explanation's
 * (`consoleMessage`); Firefox's is its own, in its own words (src/cors/firefox/console-text.ts,
 * from Firefox's security.properties), never Chromium's.
 */
export function consoleMessageFor(reported: Pick<ReportedExchange, 'browser' | 'diagnosis' | 'exchange' | 'firefoxVerdict'>, chromiumConsoleMessage: string | null): string | null {
  if (reported.browser === 'chromium') return chromiumConsoleMessage;
  // The verdict the report already holds gives the reason: worked out once per exchange.
  const { reason } = reported.firefoxVerdict;
  return reason === null ? null : firefoxConsoleLine(reason, reported.diagnosis, reported.exchange);
}

/**
 * The capture's error text as Firefox's verdict may show it: not a Chromium net error code
 * (`net::ERR_FAILED`, from a Chromium capture), which Firefox never prints; a Firefox HAR's own
 * (`no response (…)`, src/cors/firefox/error-texts.ts) stays.
 */
export function firefoxErrorText(errorText: string | undefined): string | undefined {
  return errorText === undefined || errorText.startsWith('net::') ? undefined : errorText;
}
