// What each entry of the export menu produces, for the exchanges it is about. Pure: texts and file
// names; the menu hands them to the `ShareHost` to copy or save. Every format is redacted unless
// `includeSecrets` (the HAR always is: the menu offers it as "sanitized").

import { browserRules, FIREFOX_RULES, type ObservedExchange } from '../../cors/index.ts';
import { createBundle, serializeBundle, curlExport, diagnosisPage, harFromExchanges, serializeHar, markdownReport, SecretNameNumbers, headerNameSources, type Shell } from '../../export/index.ts';
import type { PanelBrowser } from '../engine.ts';
import type { PanelNote } from '../store/notes.ts';

export interface ExportItem {
  id: string;
  exchange: ObservedExchange;
  notes: readonly PanelNote[];
  /**
   * The rules the panel judged it by, where not its own (`rulesOf`): an opened Firefox bundle's or
   * Firefox HAR's exchange is Firefox's in the Chromium panel, and is exported as it was judged.
   */
  rules?: PanelBrowser;
  /**
   * The browser that sent it, where not the panel's: an opened file's (`ImportOrigin.sentBy`), which
   * is not always the browser whose rules judged it (a Chromium HAR opened in the Firefox panel).
   */
  sentBy?: PanelBrowser;
}

export interface ExportOptions {
  includeSecrets: boolean;
  engineVersion: string;
  /** The bundle's author, when the person gave a name. */
  author?: string;
  now?: Date;
  /**
   * The browser the panel runs in, whose rules judge the bundle's exchanges (Chromium's when left
   * out) unless theirs are others (`ExportItem.rules`, see `fileRules`): the Firefox build's
   * bundles and diagnosis.html give Firefox's verdicts, and say so.
   */
  browser?: PanelBrowser;
}

const RULES_NAME: Record<PanelBrowser, string> = { chromium: 'Chromium', firefox: 'Firefox' };

/**
 * The rules one file of `items` is judged by (a bundle, a diagnosis.html, a Markdown report: each
 * has one browser's rules, its `browser`): the exchanges' own when they share them, so that a Firefox
 * bundle's exchanges re-exported from the Chromium panel stay Firefox's and the receiver sees the
 * verdicts the sender saw; the panel's when they mix (the rules of its own captures, and of what it
 * has always exported), which the menu says (`mixedRulesNote`).
 */
export function fileRules(items: readonly ExportItem[], panel: PanelBrowser = 'chromium'): PanelBrowser {
  const rules = new Set(items.map((item) => item.rules ?? panel));
  return rules.size === 1 ? [...rules][0]! : panel;
}

/** One line for the menu when the items were judged by different rules and the file judges them all by the panel's; else ''. */
export function mixedRulesNote(items: readonly ExportItem[], panel: PanelBrowser = 'chromium'): string {
  const others = items.filter((item) => (item.rules ?? panel) !== panel);
  if (others.length === 0 || others.length === items.length) return '';
  const other = RULES_NAME[others[0]!.rules!];
  return `${others.length} of ${items.length} were judged by ${other}'s rules here; one file has one browser's rules, and this one judges all by ${RULES_NAME[panel]}'s (export them apart to keep ${other}'s).`;
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

const SHELL_SEPARATOR: Record<Shell, string> = { bash: '\n', powershell: '\n', cmd: '\r\n' };

export interface CurlText {
  text: string;
  /** Why some exchanges have no command (their scripts say so in a comment), one per exchange. */
  refusals: string[];
}

/**
 * One script per exchange, one after the other, each as the browser whose rules judged it sends it:
 * `browser` (the panel's) unless the item's own `rules` say otherwise.
 */
export function curlExportText(items: readonly ExportItem[], shell: Shell, options: Pick<ExportOptions, 'includeSecrets'> & { browser?: PanelBrowser }): CurlText {
  // One numbering for the copy: a header name shaped like a secret is the same placeholder in every script.
  const names = new SecretNameNumbers(headerNameSources(items.map((item) => item.exchange)));
  const scripts = items.map((item) => {
    const browser = item.rules ?? options.browser;
    return curlExport(item.exchange, shell, { includeSecrets: options.includeSecrets, ...(browser ? { browser } : {}), names });
  });
  return { text: scripts.map((s) => s.script).join(SHELL_SEPARATOR[shell]), refusals: scripts.flatMap((s) => (s.refusal === null ? [] : [s.refusal])) };
}

export function curlText(items: readonly ExportItem[], shell: Shell, options: Pick<ExportOptions, 'includeSecrets'>): string {
  return curlExportText(items, shell, options).text;
}

/** One line for the menu: how many exchanges got no command, and the first reason. */
export function curlRefusalNote(refusals: readonly string[], total: number): string {
  if (refusals.length === 0) return '';
  return `No curl command for ${refusals.length} of ${total} (the copied text says why): ${refusals[0]}.`;
}

/** `cors-inspector-20260301-090000`: sorts by time, and no character a file system refuses. */
export function fileStem(now: Date): string {
  const iso = now.toISOString();
  return `cors-inspector-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export function bundleFile(items: readonly ExportItem[], options: ExportOptions): ExportFile {
  const now = options.now ?? new Date();
  const author = options.author?.trim();
  const bundle = createBundle({
    exchanges: items.map((item) => ({
      id: item.id,
      exchange: item.exchange,
      // The browser that sent it, whatever rules judge the file: the bundle keeps it where they differ.
      sentBy: item.sentBy ?? options.browser ?? 'chromium',
      // Note ids are the panel's own; the bundle numbers its notes afresh.
      notes: item.notes.map((note) => ({ text: note.text, target: note.target, createdAt: note.createdAt, ...(note.author ? { author: note.author } : {}) })),
    })),
    engineVersion: options.engineVersion,
    createdAt: now,
    includeSecrets: options.includeSecrets,
    ...(author ? { author: { name: author } } : {}),
    rules: browserRules(fileRules(items, options.browser)),
  });
  return { fileName: `${fileStem(now)}.json`, mimeType: 'application/json', text: serializeBundle(bundle) };
}

/**
 * A diagnosis.html: `viewerPage` (the built `dist/viewer.html`) with the bundle of `items` embedded,
 * redacted unless `includeSecrets`, exactly as `bundleFile` writes it.
 */
export function diagnosisFile(items: readonly ExportItem[], viewerPage: string, options: ExportOptions): ExportFile {
  const now = options.now ?? new Date();
  const bundle = bundleFile(items, { ...options, now });
  return { fileName: `${fileStem(now)}-diagnosis.html`, mimeType: 'text/html', text: diagnosisPage(viewerPage, bundle.text) };
}

/**
 * The Markdown report, judged by the rules of the browser the panel runs in (`browser`, Chromium's
 * when left out), or the exchanges' own (`fileRules`): the Firefox build's report, or one of a
 * Firefox bundle's exchanges, gives Firefox's verdicts, reasons and console lines.
 * Copied from the panel or diagnosis.html, whose request details show the layers seen (Layers line):
 * its notes point there, not to a command the reader may not have.
 */
export function markdownText(items: readonly ExportItem[], options: Pick<ExportOptions, 'includeSecrets' | 'engineVersion'> & { browser?: PanelBrowser }): string {
  return markdownReport(
    items.map((item) => ({ exchange: item.exchange, notes: item.notes })),
    { includeSecrets: options.includeSecrets, engineVersion: options.engineVersion, layersShownIn: 'panel-detail', ...(fileRules(items, options.browser) === 'firefox' ? { rules: FIREFOX_RULES } : {}) },
  );
}

/**
 * The sanitized HAR. Each exchange's later hops are written as the browser that sent it
 * (`item.sentBy`, else the panel's `browser`: its own capture) sent them, and `log.creator` says
 * Firefox only when Firefox sent them all: a Firefox HAR's exchanges re-exported from the Chromium
 * panel keep the `Sec-Fetch-Site` Firefox sent, a Chromium HAR's from the Firefox panel Chromium's,
 * whichever rules judged them here (a HAR carries no verdicts).
 */
export function harFile(items: readonly ExportItem[], options: Pick<ExportOptions, 'engineVersion' | 'now' | 'browser'>): ExportFile {
  const har = harFromExchanges(
    items.map((item) => item.exchange),
    { includeSecrets: false, creator: { name: 'CORS Inspector', version: options.engineVersion }, browsers: items.map((item) => item.sentBy ?? options.browser ?? 'chromium') },
  );
  return { fileName: `${fileStem(options.now ?? new Date())}.har`, mimeType: 'application/json', text: serializeHar(har) };
}
