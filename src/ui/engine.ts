// The real engine, as the panel calls it: with the rules of the browser the panel runs in (the
// Firefox build's panel judges by Firefox's rules, so its list shows what Firefox decided).

import { diagnose, diagnoseInFirefox, diagnoseVerdict, diagnoseVerdictInFirefox, explain, headline } from '../cors/index.ts';
import type { Engine } from './analysis.ts';

export type PanelBrowser = 'chromium' | 'firefox';

const realEngine: Engine = { diagnoseVerdict, diagnose, explain, headline };

// Firefox's rules reading a Chromium capture's own sign of a CORS failure (net::ERR_FAILED) the
// way `--browser firefox` does, so a HAR imported into the panel gets the CLI's verdict.
// Its words name Firefox where the browsers' words differ (an advisory, a cached copy's reasons).
const firefoxEngine: Engine = {
  diagnoseVerdict: diagnoseVerdictInFirefox,
  diagnose: diagnoseInFirefox,
  explain: (diagnosis, exchange) => explain(diagnosis, exchange, { browser: 'firefox' }),
  headline,
};

/** The engine with `browser`'s rules; Chromium's is `realEngine` itself. */
export function engineFor(browser: PanelBrowser): Engine {
  return browser === 'chromium' ? realEngine : firefoxEngine;
}
