// A file someone dropped on the panel → exchanges to list. A diagnosis bundle is checked and every
// exchange diagnosed again (`export/bundle-import.ts`); anything else JSON is read as a HAR
// (`capture/har.ts`). Pure: the caller reads the file; nothing here touches the DOM.

import { HarError, mapHar } from '../../capture/index.ts';
import { diagnoseVerdict, diagnoseVerdictInFirefox } from '../../cors/index.ts';
import {
  bundleSizeError,
  rediagnose,
  validateBundle,
  BUNDLE_FORMAT,
  DEFAULT_BUNDLE_LIMITS,
  formatBundleError,
  PAGE_KIND_WORDS,
  pageKind,
  type BundleExchange,
  type ExporterOf,
  type BundleLimits,
  type VerdictChange,
} from '../../export/index.ts';
import type { PanelBrowser } from '../engine.ts';
import { plural } from '../format.ts';
import type { ImportBatch } from '../store/store.ts';
import { claimsSummary } from './file-claim.ts';
import { exporterRules, importRules, importSender, judgedBy } from './import-rules.ts';

export type ImportRead = { ok: true; batch: ImportBatch } | { ok: false; message: string };

export interface ReadImportOptions {
  engineVersion: string;
  limits?: Partial<BundleLimits>;
  /** The rules of the panel that opens the file (Chromium's when left out): see `import-rules.ts`. */
  browser?: PanelBrowser;
}

/** The largest file the panel reads, checked on the file's size before reading it. */
export const MAX_IMPORT_BYTES = DEFAULT_BUNDLE_LIMITS.maxBytes;

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** The message for a file refused on its size alone, before any of it is read. */
export function tooLargeMessage(fileName: string, bytes: number, maxBytes = MAX_IMPORT_BYTES): string | null {
  if (bytes <= maxBytes) return null;
  return `${fileName} is ${megabytes(bytes)}, larger than the ${megabytes(maxBytes)} CORS Inspector opens. Export fewer requests, or only the failing ones.`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether this engine reaches the exporter's verdict on one exchange. The verdict path
 * (`diagnoseVerdict`, the same verdict, CORS error and failed parameter as `diagnose`, a fraction
 * of the cost) answers for the many that agree; only one that disagrees, or trips the engine, is
 * diagnosed in full (`rediagnose`), for the words of the change and the error. At 50,000
 * exchanges the full diagnosis and headline of each was most of the time to open a file.
 */
function checkAgainstExporter(entry: BundleExchange, bundle: ExporterOf, engineVersion: string): { verdictChange: VerdictChange | null; engineError?: string } {
  try {
    const { verdict, corsError, failedParameter } = bundle.browser === 'firefox' ? diagnoseVerdictInFirefox(entry.exchange) : diagnoseVerdict(entry.exchange);
    const exported = entry.diagnosis;
    if (verdict === exported.verdict && corsError === exported.corsError && failedParameter === exported.failedParameter) return { verdictChange: null };
  } catch {
    // Diagnosed in full below, which says why.
  }
  const full = rediagnose(entry, bundle, engineVersion);
  return { verdictChange: full.verdictChange, ...(full.engineError !== undefined ? { engineError: full.engineError } : {}) };
}

/**
 * After `PAGE_KIND_WORDS`: what opens here instead of a page of ours (a diagnosis page opened with
 * Open... or dropped on the viewer said "not JSON"). A diagnosis page is read as a page of its own.
 */
const OPENS_HERE = {
  diagnosis: ', as a page of its own (double-click the file); what opens here is the HAR it was made from, or a bundle',
  viewer: ': open here the HAR or bundle itself',
} as const;

export function readImportText(text: string, fileName: string, options: ReadImportOptions): ImportRead {
  const size = tooLargeMessage(fileName, text.length, options.limits?.maxBytes ?? MAX_IMPORT_BYTES);
  if (size) return { ok: false, message: size };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const page = pageKind(body);
    if (page !== null) return { ok: false, message: `${fileName}: ${PAGE_KIND_WORDS[page]}${OPENS_HERE[page]}.` };
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'parse error';
    return { ok: false, message: `${fileName} is neither a CORS Inspector bundle nor a HAR file: it is not JSON, or it is cut short (${reason}).` };
  }

  // A HAR has a `log`; a bundle a `format` (and anything else is best explained as a bad bundle).
  if (isObject(value) && 'log' in value && !('format' in value)) return readHar(value, fileName, options.browser ?? 'chromium');

  // Parsed once above: the bundle's own checks are given the value, after its size check.
  const tooLarge = bundleSizeError(body, options.limits);
  const result = tooLarge ? { ok: false as const, errors: [tooLarge] } : validateBundle(value, options.limits);
  if (!result.ok) {
    const first = result.errors[0];
    const more = result.errors.length > 1 ? ` (and ${plural(result.errors.length - 1, 'other problem')})` : '';
    const what = isObject(value) && value['format'] === BUNDLE_FORMAT ? 'this bundle cannot be opened' : 'not a CORS Inspector bundle or HAR file';
    return { ok: false, message: `${fileName}: ${what}: ${first ? formatBundleError(first) : 'invalid'}${more}.` };
  }
  const file = { kind: 'bundle' as const, browser: result.bundle.browser };
  const rules = importRules(options.browser ?? 'chromium', file);
  const exporter = exporterRules(file);
  let verdictChanges = 0;
  const exchanges = result.bundle.exchanges.map((entry) => {
    // Judged by other rules than the exporter's (a Chromium bundle in the Firefox panel), a verdict
    // that differs is the browsers' difference, not the engines': the exporter's is shown beside it.
    const checked = rules === exporter ? checkAgainstExporter(entry, result.bundle, options.engineVersion) : { verdictChange: null };
    if (checked.verdictChange) verdictChanges++;
    return {
      captured: { id: entry.id, source: 'import' as const, exchange: entry.exchange },
      notes: entry.notes,
      origin: { fileName, kind: 'bundle' as const, exported: entry.diagnosis, rules, exporterRules: exporter, sentBy: importSender(file, entry), ...checked },
    };
  });
  const by = result.bundle.author ? ` by ${result.bundle.author.name}` : '';
  const changes = verdictChanges > 0 ? `; ${claimsSummary(verdictChanges, { exported: result.bundle.engine.version, now: options.engineVersion })}` : '';
  // Whose rules judge it, where not Chromium's (a Firefox bundle, or any bundle in the Firefox panel).
  const judged = rules === 'firefox' ? `, ${judgedBy(rules)}` : '';
  return {
    ok: true,
    batch: { fileName, kind: 'bundle', exchanges, summary: `Opened ${fileName}${by}: ${plural(exchanges.length, 'request')}${judged}${changes}.` },
  };
}

function readHar(value: unknown, fileName: string, panel: PanelBrowser): ImportRead {
  let mapped;
  try {
    mapped = mapHar(value);
  } catch (error) {
    if (error instanceof HarError) return { ok: false, message: `${fileName}: ${error.message}.` };
    return { ok: false, message: `${fileName}: the HAR could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  const file = { kind: 'har' as const, writtenByFirefox: mapped.writtenByFirefox };
  const rules = importRules(panel, file);
  const sentBy = importSender(file);
  const exchanges = mapped.exchanges.map((exchange, i) => ({
    captured: { id: `har-${i + 1}`, source: 'import' as const, exchange },
    notes: [],
    origin: { fileName, kind: 'har' as const, exported: null, rules, exporterRules: null, sentBy, verdictChange: null },
  }));
  // Entries are skipped for a missing or wrong-typed field, an over-long header or URL: say which first.
  const firstReason = mapped.firstSkipReason === undefined ? '' : `; first: ${mapped.firstSkipReason}`;
  const skipped = mapped.skippedEntries > 0 ? ` (${mapped.skippedEntries.toLocaleString('en-US')} unreadable ${mapped.skippedEntries === 1 ? 'entry' : 'entries'} skipped${firstReason})` : '';
  return { ok: true, batch: { fileName, kind: 'har', exchanges, summary: `Opened ${fileName}: ${plural(exchanges.length, 'request')} from a HAR${rules === 'firefox' ? `, ${judgedBy(rules)}` : ''}${skipped}.` } };
}
