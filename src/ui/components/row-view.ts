// What a row of the list says of an exchange: its verdict, its reason (headline) and the flags
// beside them. Pure, from the memoized engine, so the search box can match the very reason the
// row shows (`PanelStoreOptions.reason`) without rendering it.

import { showControls } from '../../export/index.ts';
import type { Analyzer } from '../analysis.ts';
import { clipLine } from '../format.ts';
import { claimWhy, fileSays } from '../share/file-claim.ts';
import type { ExchangeEntry } from '../store/entry.ts';
import type { RowClass } from '../store/order.ts';
import type { PanelStore } from '../store/store.ts';

export interface RowView {
  verdict: RowClass['verdict'];
  headline: string;
  preflight: 'sent' | 'cached' | 'missing' | null;
  disagrees: boolean;
  /**
   * Imported from a file that states another verdict than this engine reaches (under the same
   * rules): `the file says: Allowed`, and why it may differ (`share/file-claim.ts`).
   */
  fileClaim?: { says: string; why: string };
}

/** `byChromium`: judged by Chromium's rules, so that Chromium's own verdict, when captured, is comparable. */
function engineRowView(entry: ExchangeEntry, analyzer: Pick<Analyzer, 'diagnosis' | 'explanation'>, byChromium: boolean): RowView {
  const { captured } = entry;
  const preflightSeen = captured.exchange.hops.some((hop) => hop.preflight !== undefined);
  if (captured.pending) return { verdict: 'pending', headline: 'In flight', preflight: preflightSeen ? 'sent' : null, disagrees: false };
  const diagnosis = analyzer.diagnosis(entry);
  if (!diagnosis.ok) return { verdict: 'engine-error', headline: `Engine error: ${diagnosis.error}`, preflight: preflightSeen ? 'sent' : null, disagrees: false };
  const explanation = analyzer.explanation(entry);
  const observed = diagnosis.value.preflight.observed;
  const browser = captured.exchange.browserVerdict;
  const disagrees =
    byChromium &&
    browser !== undefined &&
    ((browser?.corsError ?? null) !== diagnosis.value.corsError ||
      (browser !== null && browser.failedParameter !== (diagnosis.value.failedParameter ?? '')));
  return {
    verdict: diagnosis.value.verdict,
    headline: explanation.ok ? explanation.value.headline : `Engine error: ${explanation.error}`,
    preflight: preflightSeen ? 'sent' : observed === 'not-needed' ? null : observed,
    disagrees,
  };
}

/** A headline a row may show at most: a few words, one line. */
const HEADLINE_MAX = 200;

/**
 * The exporter's headline of an imported exchange, as the detail shows it beside the file's verdict.
 * The file's author wrote it (the engine checks the verdict, not these words): bidi overrides and
 * other controls are shown as escapes, and megabytes are cut, so a hostile bundle cannot make the
 * row read as something else or freeze the list.
 */
export function exportedHeadline(headline: string): string {
  return clipLine(showControls(headline), HEADLINE_MAX);
}

/**
 * The row of `entry`: this engine's verdict and headline, for an exchange opened from a file too, as
 * the CLI judges every bundle again. Where the file states another verdict, the row carries the
 * file's claim (`fileClaim`), shown beside this engine's verdict and never instead of it.
 */
export function rowView(entry: ExchangeEntry, analyzer: Pick<Analyzer, 'diagnosis' | 'explanation'>, store: Pick<PanelStore, 'importOrigin'>): RowView {
  const origin = store.importOrigin(entry.id);
  // Chromium's own verdict is captured in Chromium's precise mode only: an exchange not opened from
  // a file is Chromium's; one opened from a file is judged by the rules it was read under.
  const view = engineRowView(entry, analyzer, (origin?.rules ?? 'chromium') === 'chromium');
  const change = origin?.verdictChange ?? null;
  if (change === null) return view;
  return { ...view, fileClaim: { says: fileSays(change.exported, change.now), why: claimWhy(change.engineVersions) } };
}
