// Whose rules judge an opened file, on every surface that opens one (the Chromium and the Firefox
// panel, the viewer page, a diagnosis.html): a bundle judged by Firefox's rules is judged and
// worded by them wherever it is opened, as its verdicts are Firefox's; so is a HAR Firefox wrote
// (`log.creator`), as its requests were made under Firefox's rules, and as the CLI judges it without
// `--browser`; anything else (a Chromium or other HAR, a Chromium bundle) by the rules of the panel
// that opens it, so the Firefox panel judges a Chromium capture by Firefox's rules, as
// `explain --browser firefox` does. The one place that decides it:
// `read-import.ts` records the answer on each exchange, the panel reads it back (`rulesOf`).

import { bundleSender } from '../../export/index.ts';
import type { PanelBrowser } from '../engine.ts';

/**
 * What decides: the file's kind and, for a bundle, the rules its exporter judged by; for a HAR,
 * whether Firefox wrote it (`HarEntries.writtenByFirefox`, read from `log.creator`).
 */
export type OpenedFile = { kind: 'har'; writtenByFirefox?: boolean } | { kind: 'bundle'; browser?: PanelBrowser | undefined };

/** The rules an opened file's exchanges are judged and worded by, in a panel running `panel`'s. */
export function importRules(panel: PanelBrowser, file: OpenedFile): PanelBrowser {
  if (file.kind === 'bundle' && file.browser === 'firefox') return 'firefox';
  if (file.kind === 'har' && file.writtenByFirefox === true) return 'firefox';
  return panel;
}

/**
 * The browser that sent an opened exchange, whatever rules judge it here: for a HAR, Firefox for
 * one Firefox wrote (or CORS Inspector's HAR of Firefox's requests), else Chromium; for a bundle's
 * exchange, the one its `sentBy` names, else the bundle's `browser` (`bundleSender`). A sanitized
 * HAR written again says the browser that sent them (`harFile`), so a Chromium capture opened in
 * the Firefox panel, or shared from there as a bundle, is not passed off as Firefox's.
 */
export function importSender(file: OpenedFile, exchange: { sentBy?: PanelBrowser } = {}): PanelBrowser {
  if (file.kind === 'bundle') return bundleSender(exchange, file);
  return file.writtenByFirefox === true ? 'firefox' : 'chromium';
}

/** The rules the exporter judged a file's verdicts by: a bundle's `browser`, none for a HAR. */
export function exporterRules(file: OpenedFile): PanelBrowser | null {
  return file.kind === 'bundle' ? (file.browser ?? 'chromium') : null;
}

const NAMES: Record<PanelBrowser, string> = { chromium: 'Chromium', firefox: 'Firefox' };

/** "judged by Firefox's rules", as a diagnosis.html and the import's status line say it. */
export function judgedBy(rules: PanelBrowser): string {
  return `judged by ${NAMES[rules]}'s rules`;
}

/**
 * What the detail says of an opened exchange's rules where a reader could expect others (a panel
 * of the other browser, or an exporter that judged by other rules); null when there is nothing to say.
 */
export function rulesNotice(panel: PanelBrowser, rules: PanelBrowser, exporter: PanelBrowser | null): string | null {
  if (exporter !== null && exporter !== rules) return `Judged by ${NAMES[rules]}'s rules here; the exporter judged it by ${NAMES[exporter]}'s.`;
  // A HAR judged by other rules than the panel's: Firefox wrote it (nothing judged a HAR before).
  if (exporter === null && rules !== panel) return `Judged by ${NAMES[rules]}'s rules, as ${NAMES[rules]} wrote this HAR: the verdict, explanation, checks, fixes and what-if are ${NAMES[rules]}'s.`;
  if (rules !== panel) return `Judged by ${NAMES[rules]}'s rules, as the exporter judged it: the verdict, explanation, checks, fixes and what-if are ${NAMES[rules]}'s.`;
  return rules === 'firefox' && exporter === null ? `Judged by ${NAMES[rules]}'s rules.` : null;
}
