// The real engine, as the panel calls it: with the rules of the browser the panel runs in (the
// Firefox build's panel judges by Firefox's rules, so its list shows what Firefox decided).

import { browserRules, diagnose, diagnoseVerdict, explain, headline } from '../cors/index.ts';
import type { Engine } from './analysis.ts';

export type PanelBrowser = 'chromium' | 'firefox';

const realEngine: Engine = { diagnoseVerdict, diagnose, explain, headline };

/** The engine with `browser`'s rules; Chromium's is `realEngine` itself. */
export function engineFor(browser: PanelBrowser): Engine {
  if (browser === 'chromium') return realEngine;
  const rules = browserRules(browser);
  return {
    diagnoseVerdict: (exchange) => diagnoseVerdict(exchange, rules),
    diagnose: (exchange) => diagnose(exchange, rules),
    explain,
    headline,
  };
}
