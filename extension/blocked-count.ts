// How many of a tab's captured exchanges the browser blocked, kept up to date as exchanges change:
// the count on the extension's action badge, which tells the user there is something to see in
// the CORS panel (a DevTools panel's title cannot change once created). Each exchange's verdict is
// worked out once per change of that exchange, never for the whole capture again (25,000 of them).

import type { CapturedExchange } from '../src/capture/index.ts';
import { engineFor } from '../src/ui/engine.ts';
import { BROWSER } from './browser/current.ts';

// The verdict the panel shows: by the rules of the browser the extension runs in, read as the CLI's
// `--browser` reads them (the badge, the panel and the CLI agree on what was blocked).
const ENGINE = engineFor(BROWSER.name);

/** Blocked by the browser's CORS check, by the engine's verdict (a request still in flight is not, yet). */
function isBlocked(captured: CapturedExchange): boolean {
  if (captured.pending === true) return false;
  try {
    return ENGINE.diagnoseVerdict(captured.exchange).verdict === 'blocked';
  } catch {
    // An exchange the engine cannot read is not counted; the panel shows it as it can.
    return false;
  }
}

export class BlockedCounts {
  /** Each tab's blocked exchanges, by id. */
  readonly #blocked = new Map<number, Set<string>>();

  count(tabId: number): number {
    return this.#blocked.get(tabId)?.size ?? 0;
  }

  /** These exchanges of the tab were added or replaced. Returns whether its count changed. */
  update(tabId: number, exchanges: readonly CapturedExchange[]): boolean {
    let blocked = this.#blocked.get(tabId);
    if (!blocked) this.#blocked.set(tabId, (blocked = new Set()));
    const before = blocked.size;
    for (const captured of exchanges) {
      if (isBlocked(captured)) blocked.add(captured.id);
      else blocked.delete(captured.id);
    }
    return blocked.size !== before;
  }

  /** The tab's capture was cleared or ended. Returns whether its count changed. */
  forget(tabId: number): boolean {
    const before = this.count(tabId);
    this.#blocked.delete(tabId);
    return before !== 0;
  }
}

/** The badge's text for a count: nothing for none, and short enough for the badge's few characters. */
export function badgeText(blocked: number): string {
  if (blocked <= 0) return '';
  return blocked > 999 ? '999+' : String(blocked);
}
