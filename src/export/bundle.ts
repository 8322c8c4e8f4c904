// Writing a diagnosis bundle: the exchanges someone wants to share, redacted, each with what the
// engine said about it and the notes people wrote on it. Reading one back is `bundle-import.ts`.

import { diagnose } from '../cors/diagnose.ts';
import type { Diagnosis } from '../cors/diagnosis.ts';
import type { ObservedExchange } from '../cors/exchange.ts';
import { explain } from '../cors/explain/explain.ts';
import { redactJwts, redactText, type Redaction } from './redact.ts';
import { distinctRedactions, redactExchange } from './redact-exchange.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type BundleDiagnosis,
  type BundleExchange,
  type BundleNote,
  type BundleRedaction,
  type NoteTarget,
} from './bundle-schema.ts';

export const ENGINE_NAME = 'cors-inspector';

export interface NoteInput {
  id?: string;
  text: string;
  target?: NoteTarget;
  author?: { name: string };
  /** ISO 8601 or a Date; the bundle's own time when absent. */
  createdAt?: string | Date;
}

export interface BundleInput {
  exchanges: readonly { exchange: ObservedExchange; id?: string; notes?: readonly NoteInput[]; diagnosis?: Diagnosis }[];
  /** The package version of the engine that diagnosed them (package.json `version`). */
  engineVersion: string;
  author?: { name: string };
  createdAt?: string | Date;
  /** Keep cookies, tokens and keys as captured. Off by default. */
  includeSecrets?: boolean;
}

/** The part of a Diagnosis a bundle keeps: enough to show a row and to notice a different verdict. */
export function bundleDiagnosis(diagnosis: Diagnosis, headline?: string): BundleDiagnosis {
  const out: BundleDiagnosis = {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failedAt: diagnosis.failedAt === null ? null : { hop: diagnosis.failedAt.hop, phase: diagnosis.failedAt.phase },
  };
  if (headline !== undefined) out.headline = headline;
  return out;
}

function isoTime(value: string | Date | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : value.toISOString();
}

export function createBundle(input: BundleInput): Bundle {
  const createdAt = isoTime(input.createdAt, new Date().toISOString());
  const keep = input.includeSecrets === true;
  const redactions: BundleRedaction[] = [];
  const usedIds = new Set<string>();
  let noteCounter = 0;

  const exchanges = input.exchanges.map((item, index): BundleExchange => {
    let id = item.id ?? `exchange-${index + 1}`;
    // Ids must be unique: a caller's duplicate gets a suffix rather than a broken bundle.
    for (let n = 2; usedIds.has(id); n++) id = `${item.id ?? `exchange-${index + 1}`}-${n}`;
    usedIds.add(id);

    const found: Redaction[] = [];
    const stored = keep ? item.exchange : redactExchange(item.exchange, found);

    // The verdict is the one reached on the exchange as captured: what the person sharing it saw.
    const diagnosis = item.diagnosis ?? diagnose(item.exchange);
    // The headline is worded from the stored exchange, so no secret reaches it.
    const headline = explain(diagnosis, stored).headline;
    const summary = bundleDiagnosis(diagnosis, keep ? headline : redactJwts(headline));
    if (!keep && summary.failedParameter !== null) summary.failedParameter = redactJwts(summary.failedParameter);

    const notes = (item.notes ?? []).map((note): BundleNote => {
      noteCounter++;
      const out: BundleNote = {
        id: note.id ?? `note-${noteCounter}`,
        // A note is free text someone typed, often with a pasted header or URL: the same policy.
        text: keep ? note.text : redactText(note.text, found, 'note'),
        target: note.target ?? { kind: 'exchange' },
        createdAt: isoTime(note.createdAt, createdAt),
      };
      if (note.author !== undefined) out.author = { name: note.author.name };
      return out;
    });
    // What was taken from this exchange and its notes, by kind and place, never the value.
    for (const redaction of distinctRedactions(found)) redactions.push({ exchange: id, ...redaction });
    return { id, exchange: stored, diagnosis: summary, notes };
  });

  // Keys in the order docs/bundle-schema.md lists them: people read these files.
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt,
    ...(input.author !== undefined ? { author: { name: input.author.name } } : {}),
    engine: { name: ENGINE_NAME, version: input.engineVersion },
    ...(keep ? { secretsIncluded: true } : {}),
    exchanges,
    redactions,
  };
}

/** The file's text: JSON, two-space indented (people open these), with a final newline. */
export function serializeBundle(bundle: Bundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
