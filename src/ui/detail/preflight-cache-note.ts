// How long the browser the panel runs in keeps the preflight's result, for the detail's preflight
// note. Chromium and Firefox cap Access-Control-Max-Age differently (7200 s, 86400 s), and Firefox
// drops its entry for an IP-address host on the first look-ups of a session
// (`BrowserRules.preflightCacheIpLiteralMisses`): a Firefox developer must read Firefox's lifetime,
// not Chromium's. The numbers are the engine's (`Diagnosis.preflight.maxAge`, the rules); only the
// words are built here. Said only of a preflight that passed (`preflightPassed`): a failed one
// creates no cache entry, whatever its Max-Age.

import { browserRules, hasIpLiteralHost, type Diagnosis } from '../../cors/index.ts';
import type { PanelBrowser } from '../engine.ts';

type MaxAge = NonNullable<Diagnosis['preflight']['maxAge']>;

/** `Chromium caches it 5 s (Access-Control-Max-Age absent)`, or Firefox's, for the preflight sent to `url`. */
export function preflightCacheNote(browser: PanelBrowser, maxAge: MaxAge, url: string): string {
  const header = `Access-Control-Max-Age ${maxAge.found ?? 'absent'}`;
  if (browser === 'chromium') return `Chromium caches it ${maxAge.chromiumSeconds} s (${header})`;
  const lifetime = `Firefox caches it ${maxAge.firefoxSeconds} s (${header})`;
  const misses = browserRules('firefox').preflightCacheIpLiteralMisses;
  if (misses === 0 || maxAge.firefoxSeconds === 0 || !hasIpLiteralHost(url)) return lifetime;
  // Seen in a fresh Firefox, requests a few ms apart; not over longer times (a refresh of the
  // host's DNS record may drop the entry again), hence "may" and "at first".
  return `${lifetime}, though to an IP-address host it may send the preflight again at first (seen: the first ${misses} times a request could reuse it, in a freshly started Firefox)`;
}
