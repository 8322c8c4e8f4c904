// How many of a tab's captured exchanges the browser blocked, kept up to date as exchanges change:
// the count on the extension's action badge, which tells the user there is something to see in
// the CORS panel (a DevTools panel's title cannot change once created). An exchange's verdict is
// worked out only when the count is read (when the badge is shown: at most every BADGE_DELAY_MS,
// less often during a long burst), for its latest version only, never for the whole capture again
// (25,000 of them): during a busy page an exchange that changed several times between two showings
// is judged once, and the verdicts leave the batches' path (bench/capture-cost.ts, session 24).

import type { CapturedExchange } from '../src/capture/index.ts';
import { browserRules, diagnoseVerdict } from '../src/cors/index.ts';
import { BROWSER } from './browser/current.ts';

// The verdict by the rules of the browser the extension runs in.
const RULES = browserRules(BROWSER.name);

/** Blocked by the browser's CORS check, by the engine's verdict (a request still in flight is not, yet). */
function isBlocked(captured: CapturedExchange): boolean {
  if (captured.pending === true) return false;
  try {
    return diagnoseVerdict(captured.exchange, RULES).verdict === 'blocked';
  } catch {
    // An exchange the engine cannot read is not counted; the panel shows it as it can.
    return false;
  }
}

export class BlockedCounts {
  /** Each tab's blocked exchanges, by id, as of the last count. */
  readonly #blocked = new Map<number, Set<string>>();
  /** Each tab's exchanges changed since its last count, the latest version of each id. */
  readonly #changed = new Map<number, Map<string, CapturedExchange>>();

  /** The tab's blocked exchanges now: the verdicts of what changed since the last count are worked out here. */
  count(tabId: number): number {
    const changed = this.#changed.get(tabId);
    if (changed) {
      this.#changed.delete(tabId);
      let blocked = this.#blocked.get(tabId);
      if (!blocked) this.#blocked.set(tabId, (blocked = new Set()));
      for (const [id, captured] of changed) {
        if (isBlocked(captured)) blocked.add(id);
        else blocked.delete(id);
      }
    }
    return this.#blocked.get(tabId)?.size ?? 0;
  }

  /** These exchanges of the tab were added or replaced: counted at the next `count`. */
  update(tabId: number, exchanges: readonly CapturedExchange[]): void {
    if (exchanges.length === 0) return;
    let changed = this.#changed.get(tabId);
    if (!changed) this.#changed.set(tabId, (changed = new Map()));
    for (const captured of exchanges) changed.set(captured.id, captured);
  }

  /** The tab's capture was cleared or ended: nothing of it is counted any more. */
  forget(tabId: number): void {
    this.#blocked.delete(tabId);
    this.#changed.delete(tabId);
  }
}

/** The badge's text for a count: nothing for none, and short enough for the badge's few characters. */
export function badgeText(blocked: number): string {
  if (blocked <= 0) return '';
  return blocked > 999 ? '999+' : String(blocked);
}
