// How long the browser the panel runs in keeps the preflight's result, for the detail's preflight
// note. Chromium and Firefox cap Access-Control-Max-Age differently (7200 s, 86400 s), and Firefox
// keeps nothing for a URL whose host is an IP address (`BrowserRules.preflightCacheSkipsIpLiterals`):
// a Firefox developer must read Firefox's lifetime, not Chromium's. The numbers are the engine's
// (`Diagnosis.preflight.maxAge`); only the words are built here. Said only of a preflight that passed
// (`preflightPassed`): a failed one creates no cache entry, whatever its Max-Age.

import { browserRules, hasIpLiteralHost, type Diagnosis } from '../../cors/index.ts';
import type { PanelBrowser } from '../engine.ts';

type MaxAge = NonNullable<Diagnosis['preflight']['maxAge']>;

/** `Chromium caches it 5 s (Access-Control-Max-Age absent)`, or Firefox's, for the preflight sent to `url`. */
export function preflightCacheNote(browser: PanelBrowser, maxAge: MaxAge, url: string): string {
  const header = `Access-Control-Max-Age ${maxAge.found ?? 'absent'}`;
  if (browser === 'chromium') return `Chromium caches it ${maxAge.chromiumSeconds} s (${header})`;
  if (browserRules('firefox').preflightCacheSkipsIpLiterals && hasIpLiteralHost(url)) {
    return `Firefox does not cache it, the host being an IP address (${header})`;
  }
  return `Firefox caches it ${maxAge.firefoxSeconds} s (${header})`;
}
