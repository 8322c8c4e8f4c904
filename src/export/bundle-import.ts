// Reading a bundle someone shared: checked (`bundle-schema.ts`), then each exchange diagnosed again
// by this engine. When this engine reaches a different verdict than the exporter's did (a newer
// engine fixed a rule, or an older one lacks it), the exchange says so, with both engine versions.

import { diagnose, diagnoseInFirefox, headline, type ObservedExchange } from '../cors/index.ts';
import { bundleDiagnosis } from './bundle.ts';
import {
  parseBundle,
  type Bundle,
  type BundleDiagnosis,
  type BundleError,
  type BundleExchange,
  type BundleLimits,
  type BundleNote,
} from './bundle-schema.ts';

export interface VerdictChange {
  exported: BundleDiagnosis;
  now: BundleDiagnosis;
  engineVersions: { exported: string; now: string };
}

export interface ImportedExchange {
  id: string;
  exchange: ObservedExchange;
  notes: BundleNote[];
  /** What the exporter's engine said. */
  exported: BundleDiagnosis;
  /** What this engine says; null when it could not diagnose the exchange (`engineError` says why). */
  now: BundleDiagnosis | null;
  /** Set when `now` differs from `exported` in verdict, `corsError` or `failedParameter`. */
  verdictChange: VerdictChange | null;
  engineError?: string;
}

export type BundleImport =
  | { ok: true; bundle: Bundle; exchanges: ImportedExchange[]; verdictChanges: number }
  | { ok: false; errors: BundleError[] };

export interface ImportOptions {
  /** This engine's package version, to name next to the exporter's in a `VerdictChange`. */
  engineVersion: string;
  limits?: Partial<BundleLimits>;
}

function differs(a: BundleDiagnosis, b: BundleDiagnosis): boolean {
  return a.verdict !== b.verdict || a.corsError !== b.corsError || a.failedParameter !== b.failedParameter;
}

/** Bundle text or bytes → its exchanges and notes, each re-diagnosed. Never throws. */
export function importBundle(input: string | Uint8Array, options: ImportOptions): BundleImport {
  return rediagnosed(parseBundle(input, options.limits), options);
}

function rediagnosed(parsed: ReturnType<typeof parseBundle>, options: ImportOptions): BundleImport {
  if (!parsed.ok) return parsed;
  const { bundle } = parsed;
  let verdictChanges = 0;
  const exchanges = bundle.exchanges.map((entry): ImportedExchange => {
    const imported = rediagnose(entry, bundle, options.engineVersion);
    if (imported.verdictChange) verdictChanges++;
    return imported;
  });
  return { ok: true, bundle, exchanges, verdictChanges };
}

/**
 * The browser that sent one of a bundle's exchanges: its `sentBy`; without one, the browser whose
 * rules judged it (`browser`, Chromium's when absent). A writer leaves `sentBy` out where they are
 * the same, and every bundle from before the field has none: read as it was before it, a Chromium
 * capture in such a bundle judged by Firefox's rules reads as Firefox's, which it cannot tell apart.
 */
export function bundleSender(entry: { sentBy?: Bundle['browser'] }, bundle: { browser?: Bundle['browser'] }): NonNullable<Bundle['browser']> {
  return entry.sentBy ?? bundle.browser ?? 'chromium';
}

/** What an importer needs of a bundle's head to judge its exchanges again. */
export type ExporterOf = Pick<Bundle, 'engine' | 'browser'>;

/**
 * One exchange of a checked bundle, diagnosed by this engine under the rules that judged it
 * (`bundle.browser`: a Firefox bundle by Firefox's) and set against the exporter's verdict.
 */
export function rediagnose(entry: BundleExchange, bundle: ExporterOf, engineVersion: string): ImportedExchange {
  const imported: ImportedExchange = {
    id: entry.id,
    exchange: entry.exchange,
    notes: entry.notes,
    exported: entry.diagnosis,
    now: null,
    verdictChange: null,
  };
  try {
    const diagnosis = bundle.browser === 'firefox' ? diagnoseInFirefox(entry.exchange) : diagnose(entry.exchange);
    // The headline alone (what `explain` would say first), not the whole explanation.
    imported.now = bundleDiagnosis(diagnosis, headline(diagnosis, entry.exchange));
  } catch (error) {
    // A valid bundle can still hold an exchange this engine trips on; one bad exchange must not
    // cost the reader the others.
    imported.engineError = error instanceof Error ? error.message.split('\n', 1)[0]! : String(error);
    return imported;
  }
  if (differs(entry.diagnosis, imported.now)) {
    imported.verdictChange = {
      exported: entry.diagnosis,
      now: imported.now,
      engineVersions: { exported: bundle.engine.version, now: engineVersion },
    };
  }
  return imported;
}
